import Foundation
import Synchronization

/// Connections to one PostgreSQL database, each lent to one transaction at a time. A
/// connection the server dropped (a restart, a failover) is closed, never lent again; the
/// next transaction opens a new one, which libpq sends to whichever host of a multi-host
/// address is now the primary.
final class PGPool: Sendable {
    let address: PostgresAddress
    private let idle = Mutex<[PGConnection]>([])
    /// Enough for a console's reader, its writer and its change watcher's neighbours.
    static let keptIdle = 4

    init(address: PostgresAddress) {
        self.address = address
    }

    /// `opening`: on a connection opened for it rather than an idle one (then kept idle like
    /// any other): work done ahead of a person's first keystroke takes none of the connections
    /// that keystroke's reads are about to ask for, and leaves one more ready for them.
    func withConnection<T>(opening: Bool = false, _ body: (PGConnection) throws -> T) throws -> T {
        let connection = try (opening ? nil : idle.withLock { $0.popLast() }) ?? PGConnection(address)
        do {
            let value = try body(connection)
            giveBack(connection)
            return value
        } catch let error as PGError where error.isFailover {
            // Reached a standby, or the server went away: never lend this one again.
            throw error
        } catch {
            giveBack(connection)
            throw error
        }
    }

    private func giveBack(_ connection: PGConnection) {
        guard connection.isUsable else { return }
        idle.withLock { if $0.count < Self.keptIdle { $0.append(connection) } }
    }
}
