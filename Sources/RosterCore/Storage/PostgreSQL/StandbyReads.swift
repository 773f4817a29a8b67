import Foundation
import Synchronization

/// Reads a streaming standby serves, for a read-only console, so watching never loads the
/// primary. A standby replays the primary's log a little behind it, so a read waits until
/// the standby has replayed the newest change this process knows of (its own sign-in, or a
/// change its console was told of); a standby that doesn't catch up within `patience`, or
/// can't be reached, leaves the read to the primary. Every read still sees the session and
/// the actor as committed, so a revoked session or a demotion holds on the standby too.
final class StandbyReads: Sendable {
    let pool: PGPool
    /// The newest write-ahead-log position reads must include (0: none yet).
    private let horizon = Atomic<UInt64>(0)
    static let patience: TimeInterval = 1

    init(pool: PGPool) {
        self.pool = pool
    }

    /// After a commit on the primary: later reads include it.
    func committed(on connection: PGConnection) throws {
        advance(to: try connection.execute("SELECT pg_current_wal_lsn()::text").text(0, 0))
    }

    /// Someone committed (a notification arrived on `connection`, a primary's).
    func changed(on connection: PGConnection) {
        advance(to: try? connection.execute("SELECT pg_current_wal_lsn()::text").text(0, 0))
    }

    private func advance(to text: String?) {
        guard let position = text.flatMap(Self.position) else { return }
        _ = horizon.max(position, ordering: .relaxed)
    }

    /// `body`'s value, read on the standby; nil when the standby can't serve it now (then
    /// the caller reads from the primary). Errors of `body` itself are thrown.
    func read<T>(_ body: (PGConnection) throws -> T) throws -> T? {
        let needed = horizon.load(ordering: .relaxed)
        do {
            return try pool.withConnection { connection -> T? in
                guard try caughtUp(connection, with: needed) else { return nil }
                return try body(connection)
            }
        } catch let error as PGError where error.isFailover {
            return nil
        } catch RosterError.database(.unreachable) {
            return nil
        }
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
            usleep(2_000)
        }
    }

    /// A `pg_lsn` as text ("16/B374D848") as one number.
    static func position(_ text: String) -> UInt64? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let high = UInt64(parts[0], radix: 16), let low = UInt64(parts[1], radix: 16) else { return nil }
        return high << 32 | low
    }
}
