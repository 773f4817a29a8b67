// Fuzz target: a typed filter to the FTS5 trigram query (SearchText + FilterQuery in
// Sources/RosterCore). The query runs against a real FTS5 trigram table built as Roster's is.
// Properties: the query is always valid FTS5 (typed text is never read as syntax), and its
// hits are exactly the rows whose folded text holds the filter (the index neither hides a
// user nor finds one who doesn't hold it), but for filters the index folds (U+FFFE, U+FFFF
// read as U+FFFD), whose hits may be more and are checked row by row.
import CSQLite

// libFuzzer calls the target on one thread only.
nonisolated(unsafe) let database: OpaquePointer = {
    var db: OpaquePointer?
    precondition(sqlite3_open(":memory:", &db) == SQLITE_OK)
    let schema = """
        CREATE TABLE t(id INTEGER PRIMARY KEY, searchText TEXT);
        CREATE VIRTUAL TABLE s USING fts5(searchText, content='t', content_rowid='id', tokenize='trigram case_sensitive 1', detail='full');
        """
    precondition(sqlite3_exec(db, schema, nil, nil, nil) == SQLITE_OK)
    return db!
}()

func run(_ sql: String, _ bind: [String] = [], each: (OpaquePointer) -> Void = { _ in }) -> Int32 {
    var statement: OpaquePointer?
    let prepared = sqlite3_prepare_v2(database, sql, -1, &statement, nil)
    guard prepared == SQLITE_OK else { return prepared }
    defer { sqlite3_finalize(statement) }
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    for (i, value) in bind.enumerated() { sqlite3_bind_text(statement, Int32(i + 1), value, -1, transient) }
    var result = sqlite3_step(statement)
    while result == SQLITE_ROW {
        each(statement!)
        result = sqlite3_step(statement)
    }
    return result == SQLITE_DONE ? SQLITE_OK : result
}

/// Whether `text` holds `needle` byte for byte, as SQLite's `instr` reads it (String's own
/// `contains` compares whole characters: "ozt" is not in "ozt\u{356}", whose t carries a mark).
func holds(_ text: String, _ needle: String) -> Bool {
    let text = Array(text.utf8), needle = Array(needle.utf8)
    guard needle.count <= text.count else { return false }
    return (0...(text.count - needle.count)).contains { text[$0..<$0 + needle.count].elementsEqual(needle) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    // First line: the filter; the rest: names to store.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let filter = lines.first, let needle = SearchText.needle(filter), let query = FilterQuery.phrase(needle) else { return 0 }
    // One statement a call: `run` prepares only the first of several.
    precondition(run("DELETE FROM t") == SQLITE_OK && run("INSERT INTO s(s) VALUES ('delete-all')") == SQLITE_OK)
    var holding: Set<Int64> = []
    for (i, name) in lines.dropFirst().prefix(8).enumerated() {
        let stored = SearchText.of(name: name, email: "u\(i)@example.com")
        precondition(run("INSERT INTO t(id, searchText) VALUES (?, ?)", [String(i + 1), stored]) == SQLITE_OK)
        precondition(run("INSERT INTO s(rowid, searchText) VALUES (?, ?)", [String(i + 1), stored]) == SQLITE_OK)
        if holds(stored, needle) { holding.insert(Int64(i + 1)) }
    }
    var hits: Set<Int64> = []
    let status = run("SELECT rowid FROM s WHERE s MATCH ?", [query]) { hits.insert(sqlite3_column_int64($0, 0)) }
    precondition(status == SQLITE_OK, "FTS5 refused the query \(query) for filter \(filter.debugDescription)")
    precondition(holding.isSubset(of: hits), "rows \(holding.subtracting(hits)) hold \(needle.debugDescription) but \(query) missed them")
    precondition(FilterQuery.indexFolds(needle) || hits == holding,
                 "rows \(hits.subtracting(holding)) don't hold \(needle.debugDescription) but \(query) found them")
    return 0
}
