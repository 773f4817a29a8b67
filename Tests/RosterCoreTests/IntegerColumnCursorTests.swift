import GRDB
import Testing
@testable import RosterCore

@Suite("Reading a column of integers straight from SQLite")
struct IntegerColumnCursorTests {
    @Test("reads every row's first column, again with new arguments on the same prepared statement, and reports errors")
    func readsAndReuses() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)")
            for id in 1...50 { try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [id, id * 1_000_000_007]) }
        }
        try queue.read { (db: Database) throws in
            let sql = "SELECT n FROM t WHERE id <= ? ORDER BY id"
            #expect(try IntegerColumnCursor.fetchAll(db, sql: sql, arguments: [3]) == [1_000_000_007, 2_000_000_014, 3_000_000_021])
            #expect(try IntegerColumnCursor.fetchAll(db, sql: sql, arguments: [50]) == (1...50).map { Int64($0) * 1_000_000_007 })
            #expect(try IntegerColumnCursor.fetchAll(db, sql: sql, arguments: [0]).isEmpty)
            #expect(throws: DatabaseError.self) { try IntegerColumnCursor.fetchAll(db, sql: "SELECT abs(?)", arguments: [Int64.min]) }
            #expect(try IntegerColumnCursor.fetchAll(db, sql: sql, arguments: [1]) == [1_000_000_007], "usable after an error")
        }
    }
}
