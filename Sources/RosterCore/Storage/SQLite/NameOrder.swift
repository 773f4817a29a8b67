import Foundation
import GRDB
import Synchronization

/// Every user's position in name order (`name COLLATE NOCASE, id`) at four bytes a user, so
/// that thousands of filter hits can be put in order without reading a row each
/// (UserFilterSearch). Positions come from SQLite's own ordering, so they agree with
/// `ORDER BY` exactly, as long as no user was added, removed, renamed or given another email
/// since: a trigger draws a new `userOrderVersion` whenever that happens, and a snapshot is
/// only used at its own version. For a database on disk the order lives in a file beside it
/// that every console on that database maps (NameOrderFile); the first to need it writes it.
final class NameOrder: Sendable {
    struct Snapshot: Sendable {
        let version: Int64
        let table: PositionTable
        /// How many users the order holds.
        var count: Int32 { table.count }

        init(version: Int64, table: PositionTable) {
            self.version = version
            self.table = table
        }

        /// `positions` indexed by user id, -1 for ids that don't exist.
        init(version: Int64, positions: [Int32], count: Int32) {
            self.init(version: version, table: PositionTable(positions, count: count))
        }

        func position(of id: Int64) -> Int32? { table.position(of: id) }
    }

    /// The trigram hits of the last filter sorted in full, in name order: every user holding a
    /// longer filter that contains it is among them, so the next keystroke ("tan", then
    /// "tana") checks these in order instead of asking the trigram index again.
    struct SortedHits: Sendable {
        let needle: String
        let version: Int64
        /// Position << 32 | id, ascending.
        let candidates: [UInt64]
    }

    /// The shared file (NameOrderFile) for a database on disk.
    let file: String?
    /// The users' search texts in name order (SearchTextFile), saved with the shared order.
    let searchFile: String?
    private let current = Mutex<Snapshot?>(nil)
    private let lastHits = Mutex<SortedHits?>(nil)

    /// Hits sorted for a filter that `needle` contains, at this order's `version`.
    func hits(within needle: String, at version: Int64) -> SortedHits? {
        lastHits.withLock { hits in
            guard let hits, hits.version == version, needle.contains(hits.needle) else { return nil }
            return hits
        }
    }

    func keep(_ hits: SortedHits) {
        lastHits.withLock { $0 = hits }
    }

    private let building = Atomic<Bool>(false)
    /// Whether this process keeps the order at all (the console does).
    let wanted = Atomic<Bool>(false)

    /// How long `removeTexts` waits for a rebuild in progress before removing the file anyway.
    let removalPatience: TimeInterval

    /// `databasePath`: the database's file, beside which the order is shared; nil for one in memory.
    init(databasePath: String? = nil, removalPatience: TimeInterval = 2) {
        self.removalPatience = removalPatience
        file = databasePath.map(NameOrderFile.path(forDatabase:))
        searchFile = databasePath.map(SearchTextFile.path(forDatabase:))
    }

    /// The snapshot for `version`, if the one in memory is that fresh.
    func snapshot(at version: Int64) -> Snapshot? {
        current.withLock { snapshot in snapshot?.version == version ? snapshot : nil }
    }

    static func version(_ db: Database) throws -> Int64 {
        // Asked a few times for every filter keystroke: prepared once per connection.
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT version FROM userOrderVersion")) ?? 0
    }

    /// Maps the shared file if it holds the order at the database's version; otherwise reads
    /// the order in one pass over the name index (about 0.4 s for a million users, the texts
    /// file included) and saves it for the other consoles, using the saved copy from then on.
    /// `holdingLock`: the caller took the files' lock before this read began (`refresh`).
    func build(_ db: Database, holdingLock: Bool = false) throws {
        let version = try Self.version(db)
        func mappedShared() -> Bool {
            // Both files at this version, or both are written again.
            guard let file, let shared = NameOrderFile.load(from: file, version: version),
                  searchFile.map({ SearchTextFile.isCurrent($0, version: version) }) ?? true else { return false }
            current.withLock { $0 = Snapshot(version: version, table: shared) }
            return true
        }
        if mappedShared() { return }
        // After a change every console finds the order stale at once: one of them reads the
        // index and saves it while the others wait here, then map what it saved.
        let lock = holdingLock ? nil : file.flatMap { NameOrderFile.lockExclusively($0) }
        defer { lock.map(NameOrderFile.unlock) }
        if lock != nil, mappedShared() { return }
        let maxId = try Int64.fetchOne(db, sql: "SELECT max(id) FROM user") ?? 0
        guard maxId < Int64(Int32.max) else { return }
        // The texts ride along: the name index carries them, so the same walk reads them.
        let texts = SearchTextFile.Cursor(try db.makeStatement(sql: "SELECT id, searchText FROM user ORDER BY name COLLATE NOCASE, id"),
                                          writer: searchFile.flatMap { try? SearchTextFile.Writer(path: $0) })
        let table = try PositionTable(entries: Int(maxId) + 1) { positions in
            var position: Int32 = 0
            while let id = try texts.next() {
                if id >= 0 && id <= maxId { positions[Int(id)] = position }
                position += 1
            }
            return position
        }
        try? texts.writer?.commit(version: version)
        current.withLock { $0 = Snapshot(version: version, table: shared(table, at: version) ?? table) }
    }

    /// `table` saved to the shared file and mapped back, or nil when it can't be (no file for
    /// an in-memory database; a folder this account can't write): then this process keeps its own.
    private func shared(_ table: PositionTable, at version: Int64) -> PositionTable? {
        guard let file else { return nil }
        do {
            try table.withPositions { try NameOrderFile.save($0, count: table.count, version: version, to: file) }
        } catch {
            return nil
        }
        return NameOrderFile.load(from: file, version: version)
    }

    /// Deletes the search texts file, once a change to the users has committed (StaleTexts):
    /// a stale file is never read, and a removed or renamed user's name and email must not stay
    /// in it until the next console happens to rebuild it. A rebuild in progress began its read
    /// before this change (`refresh` takes the lock first), so this waits for it to save its
    /// file and removes that too, for at most `removalPatience` (a console stopped mid-rebuild
    /// must not hold every write up).
    func removeTexts() {
        guard let file, let searchFile else { return }
        let lock = NameOrderFile.lockExclusively(file, patience: removalPatience)
        defer { lock.map(NameOrderFile.unlock) }
        unlink(searchFile)
    }

    /// Rebuilds in the background unless a rebuild is already running; queries meanwhile use
    /// the other plans. `read` runs a block in a read transaction.
    ///
    /// On a thread of its own at a lower CPU priority (nice 10, utility QoS): reading a million
    /// names takes a core for a quarter of a second, and this console's first page and drawing
    /// come first. (With the kernel's autogroup, Debian's default, nice ranks threads within
    /// one session only: other consoles over SSH, each its own session, are not ranked by it.)
    func refresh(using read: @escaping @Sendable (@Sendable (Database) throws -> Void) -> Void) {
        guard building.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        let thread = Thread { [self] in
            #if os(Linux)
            // Per-thread on Linux (who 0 is the calling thread).
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            #endif
            defer { building.store(false, ordering: .releasing) }
            // The lock before the read: a change committed while this waits is in what it reads,
            // and one committed after the read began waits (removeTexts) for the file it saves.
            let lock = file.flatMap { NameOrderFile.lockExclusively($0) }
            defer { lock.map(NameOrderFile.unlock) }
            read { db in try self.build(db, holdingLock: lock != nil) }
        }
        thread.name = "name order"
        thread.qualityOfService = .utility
        thread.start()
    }
}
