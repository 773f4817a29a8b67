import Foundation
import GRDB
import Synchronization

/// Every user's position in name order (`name COLLATE NOCASE, id`), kept in memory at four
/// bytes a user, so that thousands of filter hits can be put in order without reading a row
/// each (UserFilterSearch). Positions come from SQLite's own ordering, so they agree with
/// `ORDER BY` exactly, as long as no user was added, removed or renamed since: a trigger bumps
/// `userOrderVersion` whenever that happens, and a snapshot is only used at its own version.
final class NameOrder: Sendable {
    struct Snapshot: Sendable {
        let version: Int64
        /// Indexed by user id; -1 for ids that don't exist.
        let positions: [Int32]
        /// How many users the order holds.
        var count: Int32 = 0

        func position(of id: Int64) -> Int32? {
            guard id >= 0, id < positions.count, positions[Int(id)] >= 0 else { return nil }
            return positions[Int(id)]
        }
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

    /// The snapshot for `version`, if the one in memory is that fresh.
    func snapshot(at version: Int64) -> Snapshot? {
        current.withLock { snapshot in snapshot?.version == version ? snapshot : nil }
    }

    static func version(_ db: Database) throws -> Int64 {
        // Asked a few times for every filter keystroke: prepared once per connection.
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT version FROM userOrderVersion")) ?? 0
    }

    /// Reads the order in one pass over the name index (about 0.2 s for a million users).
    func build(_ db: Database) throws {
        let version = try Self.version(db)
        let maxId = try Int64.fetchOne(db, sql: "SELECT max(id) FROM user") ?? 0
        guard maxId < Int64(Int32.max) else { return }
        var positions = [Int32](repeating: -1, count: Int(maxId) + 1)
        var position: Int32 = 0
        let ids = try Int64.fetchCursor(db, sql: "SELECT id FROM user ORDER BY name COLLATE NOCASE, id")
        while let id = try ids.next() {
            if id >= 0 && id <= maxId { positions[Int(id)] = position }
            position += 1
        }
        current.withLock { $0 = Snapshot(version: version, positions: positions, count: position) }
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
            read { db in try self.build(db) }
        }
        thread.name = "name order"
        thread.qualityOfService = .utility
        thread.start()
    }
}
