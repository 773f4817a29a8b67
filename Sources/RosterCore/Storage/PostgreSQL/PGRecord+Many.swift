import Foundation

extension PGRecord {
    /// Rows per INSERT: a statement carries at most 65,535 parameters, and past a thousand
    /// rows a larger statement saves no round trip worth having.
    static let rowsPerStatement = 1_000

    /// Inserts `records` with multi-row `INSERT … VALUES (…), (…)` statements, a thousand rows
    /// each, giving each the next id of the table's `id` sequence, in order; returns the ids.
    /// The ids are drawn first (one query) rather than read back with `RETURNING`, whose order
    /// PostgreSQL does not promise. (An import of 100,000 users waited for the server once per
    /// row per table before.)
    static func insertAssigningIDs<T: Encodable>(_ records: [T], into table: String,
                                                 extra: (T) -> [(column: String, value: String?)] = { _ in [] },
                                                 on connection: PGConnection) throws -> [Int64] {
        guard !records.isEmpty else { return [] }
        let ids = try drawIDs(records.count, for: table, on: connection)
        try insert(records, ids: ids, into: table, extra: extra, on: connection)
        return ids
    }

    /// The next `count` ids of the table's `id` sequence, in order, in one query.
    static func drawIDs(_ count: Int, for table: String, on connection: PGConnection) throws -> [Int64] {
        guard count > 0 else { return [] }
        // The sequence looked up once, not once a row (3 ms a thousand ids against 0.3).
        let drawn = try connection.execute("""
            SELECT nextval(sequence) FROM (SELECT pg_get_serial_sequence($1, 'id')::regclass AS sequence) AS named,
                generate_series(1, $2)
            """, [table, count])
        let ids = (0..<drawn.count).compactMap { drawn.int64($0, 0) }.sorted()
        guard ids.count == count else { throw RosterError.database(.other("\(table): could not draw \(count) ids")) }
        return ids
    }

    /// Inserts `records` with the ids given (drawn with `drawIDs`), one each, in order.
    static func insert<T: Encodable>(_ records: [T], ids: [Int64], into table: String,
                                     extra: (T) -> [(column: String, value: String?)] = { _ in [] },
                                     on connection: PGConnection) throws {
        guard ids.count == records.count else { throw RosterError.database(.other("\(table): \(records.count) rows, \(ids.count) ids")) }
        let rows = try zip(records, ids).map { record, id in
            try encode(record).filter { $0.column != "id" } + [("id", String(id))] + extra(record)
        }
        try run(statements(rows, into: table), on: connection)
    }

    /// `insertAssigningIDs`, returning the records with their new ids set at `id`.
    static func insertAssigningIDs<T: Encodable>(_ records: [T], into table: String, id: WritableKeyPath<T, Int64?>,
                                                 on connection: PGConnection) throws -> [T] {
        let ids = try insertAssigningIDs(records, into: table, on: connection)
        return zip(records, ids).map { record, drawn in
            var inserted = record
            inserted[keyPath: id] = drawn
            return inserted
        }
    }

    /// Inserts `records`, with their own ids if they carry any, as `insertAssigningIDs` does.
    static func insert<T: Encodable>(_ records: [T], into table: String, on connection: PGConnection) throws {
        try run(statements(records.map { try encode($0) }, into: table), on: connection)
    }

    /// Runs each statement. One of `rowsPerStatement` rows, the same text batch after batch,
    /// is prepared once and kept (parsing and planning it each time cost an import of 100,000
    /// users 2 s); others are sent unprepared, or every row count met would stay prepared on
    /// the server for as long as the connection lives.
    private static func run(_ statements: [(sql: String, parameters: [PGText], full: Bool)], on connection: PGConnection) throws {
        // Queued: inside `writingAhead` the server writes these while the caller goes on.
        for statement in statements { try connection.queue(statement.sql, statement.parameters, prepare: statement.full) }
    }

    /// The statements that insert `rows` (each a record's columns and values), a thousand rows
    /// or 65,535 parameters each.
    private static func statements(_ rows: [[(column: String, value: String?)]], into table: String) throws -> [(sql: String, parameters: [PGText], full: Bool)] {
        guard let columns = rows.first?.map(\.column) else { return [] }
        let perStatement = max(1, min(rowsPerStatement, 65_535 / max(1, columns.count)))
        var statements: [(sql: String, parameters: [PGText], full: Bool)] = []
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            var parameters: [PGText] = []
            var values: [String] = []
            let range = start..<min(rows.count, start + perStatement)
            for row in rows[range] {
                guard row.map(\.column) == columns else {
                    throw RosterError.database(.other("\(table): records of one insert encode different columns"))
                }
                let first = parameters.count + 1
                values.append("(" + (first..<first + columns.count).map { "$\($0)" }.joined(separator: ", ") + ")")
                parameters.append(contentsOf: row.map { PGText($0.value) })
            }
            statements.append(("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(values.joined(separator: ", "))",
                               parameters, range.count == perStatement))
        }
        return statements
    }
}
