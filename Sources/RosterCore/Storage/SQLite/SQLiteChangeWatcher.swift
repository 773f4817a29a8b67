import Foundation
import GRDB

/// Tells whether anyone (another console, the CLI, this process's own writers) committed a
/// change since the last look: SQLite's `PRAGMA data_version` on a connection of its own,
/// which only ever reads that one number. Cheap enough to ask twice a second.
public final class SQLiteChangeWatcher: ChangeWatching {
    private let queue: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(1)
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// A number that changes whenever another connection commits to the file.
    public func version() throws -> Int {
        try queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}

extension AppDatabase {
    /// A watcher for changes to this file; nil for an in-memory database (nobody else can write it).
    public func changeWatcher() throws -> SQLiteChangeWatcher? {
        guard let path else { return nil }
        return try SQLiteChangeWatcher(path: path)
    }
}
