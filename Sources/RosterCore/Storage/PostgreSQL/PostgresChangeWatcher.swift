import Foundation
import Synchronization

/// Tells a console that someone, on any host, committed a change: every write notifies
/// `roster_changes` as it commits, and this connection LISTENs. Asking reads whatever has
/// arrived on the socket and never waits, so it is as cheap as SQLite's `data_version`.
final class PostgresChangeWatcher: ChangeWatching {
    private struct State {
        var connection: PGConnection?
        var version = 0
    }

    private let address: PostgresAddress
    private let state: Mutex<State>

    init(address: PostgresAddress) throws {
        self.address = address
        let connection = try PGConnection(address)
        try connection.execute("LISTEN \(PostgresStores.changeChannel)")
        state = Mutex(State(connection: connection))
    }

    func version() throws -> Int {
        try state.withLock { state in
            // After a failover the old connection is gone: listen again on the new primary,
            // and count that as a change (anything may have happened meanwhile).
            guard let connection = state.connection, connection.isUsable else {
                let connection = try PGConnection(address)
                try connection.execute("LISTEN \(PostgresStores.changeChannel)")
                state.connection = connection
                state.version += 1
                return state.version
            }
            do {
                state.version += try connection.drainNotifications()
            } catch {
                state.connection = nil
                state.version += 1
            }
            return state.version
        }
    }
}
