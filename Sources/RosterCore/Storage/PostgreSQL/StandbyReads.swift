import Foundation
import Synchronization

/// Reads a streaming standby serves, for a read-only console, so watching never loads the
/// primary. Before each read the primary is asked how far its log goes (one tiny round
/// trip), and the read waits until the standby has replayed that far: it sees everything
/// committed before it began, its own sign-in and another host's revocation or demotion
/// alike, so the actor it re-reads is as current as on the primary. A standby that doesn't
/// catch up within `patience`, can't be reached, or cancels the read (a recovery conflict)
/// leaves the read to the primary. With no primary reachable, the standby serves what it has
/// (nobody can commit a change meanwhile) but never less than a read has already shown.
final class StandbyReads: Sendable {
    let pool: PGPool
    let primary: PGPool
    /// The newest write-ahead-log position a read has had to include (0: none yet).
    private let horizon = Atomic<UInt64>(0)
    static let patience: TimeInterval = 1

    init(pool: PGPool, primary: PGPool) {
        self.pool = pool
        self.primary = primary
    }

    /// `body`'s value, read on the standby; nil when the standby can't serve it now (then
    /// the caller reads from the primary). Errors of `body` itself are thrown.
    func read<T>(_ body: (PGConnection) throws -> T) throws -> T? {
        let needed = primaryPosition() ?? horizon.load(ordering: .relaxed)
        do {
            return try pool.withConnection { connection -> T? in
                guard try caughtUp(connection, with: needed) else { return nil }
                return try body(connection)
            }
        } catch let error as PGError where error.isFailover || error.sqlState == "40001" {
            // 40001 on a standby: the read was cancelled by a conflict with recovery.
            return nil
        } catch RosterError.database(.unreachable) {
            return nil
        }
    }

    /// How far the primary's log goes now (its insert position: at or past every commit it
    /// has acknowledged), remembered as the least later reads include; nil when no primary
    /// answers.
    private func primaryPosition() -> UInt64? {
        let text = try? primary.withConnection { connection in
            try connection.execute("SELECT pg_current_wal_insert_lsn()::text").text(0, 0)
        }
        guard let position = text.flatMap({ $0 }).flatMap(Self.position) else { return nil }
        return horizon.max(position, ordering: .relaxed).newValue
    }

    private func caughtUp(_ connection: PGConnection, with needed: UInt64) throws -> Bool {
        guard needed > 0 else { return true }
        let deadline = Date().addingTimeInterval(Self.patience)
        while true {
            let state = try connection.execute("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")
            // A primary (prefer-standby found no standby) has everything.
            guard state.bool(0, 0) == true else { return true }
            if let replayed = state.text(0, 1).flatMap(Self.position), replayed >= needed { return true }
            guard Date() < deadline else { return false }
            usleep(1_000)
        }
    }

    /// A `pg_lsn` as text ("16/B374D848") as one number.
    static func position(_ text: String) -> UInt64? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let high = UInt64(parts[0], radix: 16), let low = UInt64(parts[1], radix: 16) else { return nil }
        return high << 32 | low
    }
}
