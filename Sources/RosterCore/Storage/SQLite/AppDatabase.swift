import Crypto
import Foundation
import GRDB

/// The SQLite database file, opened with the settings every Roster process agrees on:
/// WAL, `synchronous=FULL`, foreign keys, a busy timeout, and `BEGIN IMMEDIATE` writes.
public final class AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// Where the file lives; nil for an in-memory database.
    public let path: String?

    /// Opens (creating if needed) the database at `path` and migrates it. `upgrading` hears
    /// the names of the migrations about to run on an existing file, before they run: on a
    /// large database they take a while (about 20 s for a million users), and a person at a
    /// terminal should be told why nothing happens.
    ///
    /// `secrets`: the key file, read only if a migration needs it (the one-time start of the
    /// keyed audit chain after old rows).
    public static func open(path: String, create: Bool = true, upgrading: (_ migrations: [String]) -> Void = { _ in },
                            secrets: (@Sendable () throws -> SecretBox)? = nil) throws -> AppDatabase {
        try checkPath(path, create: create)
        do {
            let pool = try DatabasePool(path: path, configuration: configuration())
            let database = AppDatabase(writer: pool, path: path)
            var auditKey: (@Sendable () throws -> SymmetricKey)?
            if let secrets { auditKey = { try secrets().auditChainKey } }
            try database.migrate(auditKey: auditKey, upgrading: upgrading)
            return database
        } catch let error as DatabaseError {
            throw RosterError.database(problem(for: error, path: path))
        }
    }

    /// Opens an existing file read-only, as it is: no migration, no write, no lock taken for
    /// long. For checking a trail or a backup without changing it (`roster audit verify`).
    public static func openReadOnly(path: String) throws -> AppDatabase {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw RosterError.database(.cannotCreate(path, reason: "no such file"))
        }
        do {
            var config = configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            let database = AppDatabase(writer: queue, path: path)
            // Fail here, with the sentence for a damaged file, rather than halfway through.
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return database
        } catch let error as DatabaseError {
            throw RosterError.database(problem(for: error, path: path))
        }
    }

    /// A private in-memory database, for tests and benchmarks.
    public static func inMemory() throws -> AppDatabase {
        let queue = try DatabaseQueue(configuration: configuration())
        let database = AppDatabase(writer: queue, path: nil)
        try database.migrate()
        return database
    }

    /// The users' name order in memory, for sorting filter hits (see UserFilterSearch).
    let nameOrder: NameOrder
    /// Whole-directory counts per filter (see UserCountCache).
    let userCounts = UserCountCache()

    init(writer: any DatabaseWriter, path: String?) {
        self.writer = writer
        self.path = path
        nameOrder = NameOrder(databasePath: path)
        if path != nil { writer.add(transactionObserver: StaleTexts(order: nameOrder), extent: .databaseLifetime) }
    }

    /// Keeps the users' name order in memory from now on, reading it in the background, so
    /// filters typed in the console sort their hits fast (see UserFilterSearch). The console
    /// calls it at start; one-shot commands don't, and never pay for reading it.
    public func prepareNameOrder() {
        nameOrder.wanted.store(true, ordering: .releasing)
        refreshNameOrder()
    }

    /// Reads the name order again if it is kept at all; for when a query finds it stale.
    func refreshNameOrder() {
        guard nameOrder.wanted.load(ordering: .acquiring) else { return }
        let writer = self.writer
        nameOrder.refresh { build in try? writer.read { db in try build(db) } }
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // A small page cache (SQLite's default is 2 MiB a connection): lookups here are random
            // and the OS caches the file anyway, shared by every process, while each connection's
            // cache is private memory. 1 MiB for the writer, 512 KiB for each reader: a console
            // keeps several readers open, and twenty consoles share a server (at a million
            // users, 512 KiB rather than 1 MiB took each SSH console from 9-10 to 8 MB private
            // with no change to keystroke latency in roster-bench's console-one).
            if !db.configuration.readonly {
                // Each statement in a transaction keeps the pages it changes in a statement journal
                // so that it alone can be undone; past 64 KiB SQLite writes that journal to a temp
                // file, and in a long transaction (an import of 100,000 users is one) nearly every
                // page is already dirty, so every insert wrote dozens of pages there. In memory
                // it is a few pages a statement. Only the writer: readers sort, and their temp
                // b-trees may be large.
                try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -1024")
            } else {
                try db.execute(sql: "PRAGMA cache_size = -512")
            }
        }
        return config
    }

    private func migrate(auditKey: (@Sendable () throws -> SymmetricKey)? = nil,
                         upgrading: (_ migrations: [String]) -> Void = { _ in }) throws {
        let migrator = Migrations.migrator(auditKey: auditKey)
        let applied = try writer.read { db in
            // Refuse a file from a newer roster rather than guess at its schema.
            if try migrator.hasBeenSuperseded(db) {
                throw RosterError.database(.newerSchema(path ?? ":memory:"))
            }
            return try migrator.appliedIdentifiers(db)
        }
        let pending = migrator.migrations.filter { !applied.contains($0) }
        if !applied.isEmpty && !pending.isEmpty { upgrading(pending) }
        try migrator.migrate(writer)
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: the write lock is taken before the
    /// first read, so checks such as "is this the last administrator?" can't race.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try write(body, then: .commit)
    }

    /// As `write`, then rolls everything back: a dry run of a change, with every check and
    /// count it makes, that leaves no trace (not even its audit row).
    public func writeAndRollBack<T>(_ body: (Database) throws -> T) throws -> T {
        try write(body, then: .rollback)
    }

    private func write<T>(_ body: (Database) throws -> T, then completion: Database.TransactionCompletion) throws -> T {
        try mapErrors {
            try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return completion
                }
                guard let result else { throw RosterError.database(.other("transaction produced no result")) }
                return result
            }
        }
    }

    /// Loads a lot of rows fast (the demo's million users): `body` runs each
    /// batch through `transaction`, which is one `BEGIN IMMEDIATE` transaction, with a large page
    /// cache and without waiting for the disk on every commit. A crash midway can lose the last
    /// batches but never corrupts the file; the normal settings come back afterwards.
    func bulkLoad(_ body: (Database, _ transaction: (() throws -> Void) throws -> Void) throws -> Void) throws {
        try mapErrors {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -524288")
                defer { try? db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -1024") }
                try body(db) { batch in
                    try db.inTransaction(.immediate) {
                        try batch()
                        return .commit
                    }
                }
            }
        }
    }

    /// Runs `body` against a consistent snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try mapErrors { try writer.read(body) }
    }

    private func mapErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw RosterError.database(Self.problem(for: error, path: path ?? ":memory:"))
        }
    }

    static func problem(for error: DatabaseError, path: String) -> DatabaseProblem {
        switch error.resultCode {
        case .SQLITE_NOTADB: return .notADatabase(path)
        case .SQLITE_CORRUPT: return .corrupt(path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path)
        case .SQLITE_CANTOPEN: return .cannotCreate(path, reason: "SQLite can't open the file")
        case .SQLITE_PERM, .SQLITE_AUTH: return .unreadable(path)
        case .SQLITE_READONLY: return .cannotCreate(path, reason: "the file or its folder is read-only")
        default: return .other(error.message ?? "\(error.resultCode)")
        }
    }

    /// Turns the common mistakes into clear messages before SQLite gives a vaguer one.
    private static func checkPath(_ path: String, create: Bool) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw RosterError.database(.isDirectory(path)) }
            if !fm.isReadableFile(atPath: path) { throw RosterError.database(.unreadable(path)) }
            return
        }
        guard create else { throw RosterError.database(.cannotCreate(path, reason: "no such file")) }
        let folder = (path as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        do {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw RosterError.database(.cannotCreate(path, reason: "its folder \(dir) can't be created"))
        }
        if !fm.isWritableFile(atPath: dir) {
            throw RosterError.database(.cannotCreate(path, reason: "the folder \(dir) is not writable"))
        }
        // Created empty and 0600 before SQLite opens it: SQLite gives the -wal and -shm files
        // the database file's mode, so all three stay private whatever the umask.
        do {
            try PrivateFile.create(path, contents: Data())
        } catch PrivateFile.Problem.exists {
            return
        } catch let problem as PrivateFile.Problem {
            throw RosterError.database(.cannotCreate(path, reason: problem.message))
        }
    }

    /// Whether accounts other than the owner can read the database file (a warning, not a refusal:
    /// a team may share it on purpose, but Roster's own setup never does).
    public var readableByOthers: Int? {
        guard let path, let mode = PrivateFile.mode(of: path), mode & 0o077 != 0 else { return nil }
        return mode
    }
}
