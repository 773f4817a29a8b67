import CLibpq
import Foundation

/// A result set, read as text. Freed when the last reference goes.
final class PGResult {
    private let result: OpaquePointer
    let count: Int
    private let columns: Int32
    private let columnIndex: [String: Int32]
    /// Names as callers spell them ("lockedByAdmin"), each folded once: a record decoded row by
    /// row asks for every column on every row, and folding each time was a twentieth of
    /// reading a page.
    private var asked: [String: Int32?] = [:]

    init(_ result: OpaquePointer) {
        self.result = result
        count = Int(roster_PQntuples(result))
        columns = roster_PQnfields(result)
        var index: [String: Int32] = [:]
        for column in 0..<columns {
            if let name = roster_PQfname(result, column) { index[String(cString: name)] = column }
        }
        columnIndex = index
    }

    deinit { roster_PQclear(result) }

    /// The command tag: "COMMIT", or "ROLLBACK" for a COMMIT of a failed transaction.
    var commandStatus: String { String(cString: roster_PQcmdStatus(result)) }

    /// How many rows an UPDATE, DELETE or INSERT touched.
    var affectedRows: Int { Int(String(cString: roster_PQcmdTuples(result))) ?? 0 }

    /// The column's position; names are folded to lower case, as PostgreSQL folds them.
    func column(_ name: String) -> Int32? {
        if let known = asked[name] { return known }
        let index = columnIndex[name.lowercased()]
        asked[name] = index
        return index
    }

    /// Out-of-range rows and columns read as NULL (libpq would complain on stderr).
    func isNull(_ row: Int, _ column: Int32) -> Bool {
        guard row >= 0, row < count, column >= 0, column < columns else { return true }
        return roster_PQgetisnull(result, Int32(row), column) == 1
    }

    func text(_ row: Int, _ column: Int32) -> String? {
        guard !isNull(row, column), let value = roster_PQgetvalue(result, Int32(row), column) else { return nil }
        return String(cString: value)
    }

    /// The value's bytes as the server sent them, lent to `body` (valid only within it):
    /// reading every match of a filter, a String a row cost as much as the query.
    func withBytes<T>(_ row: Int, _ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T? {
        guard !isNull(row, column), let value = roster_PQgetvalue(result, Int32(row), column) else { return nil }
        let length = Int(roster_PQgetlength(result, Int32(row), column))
        return try value.withMemoryRebound(to: UInt8.self, capacity: length) { try body(UnsafeBufferPointer(start: $0, count: length)) }
    }

    func text(_ row: Int, _ name: String) -> String? { column(name).flatMap { text(row, $0) } }
    /// Read off the bytes, as `Int64(String)` reads them (a sign, then digits; nil on overflow).
    func int64(_ row: Int, _ column: Int32) -> Int64? { withBytes(row, column, Self.int64(parsing:)) ?? nil }
    func int64(_ row: Int, _ name: String) -> Int64? { column(name).flatMap { int64(row, $0) } }
    func int(_ row: Int, _ column: Int32) -> Int? { text(row, column).flatMap { Int($0) } }
    func bool(_ row: Int, _ column: Int32) -> Bool? { text(row, column).map { $0 == "t" } }
    func date(_ row: Int, _ column: Int32) -> Date? { text(row, column).flatMap(PGTime.parse) }
    func date(_ row: Int, _ name: String) -> Date? { column(name).flatMap { date(row, $0) } }

    static func int64(parsing bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative || bytes.first == UInt8(ascii: "+") { index = 1 }
        guard index < bytes.count else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            // Built negative: Int64.min has no positive twin.
            let (times, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (next, under) = times.subtractingReportingOverflow(Int64(digit))
            guard !overflowed, !under else { return nil }
            value = next
            index += 1
        }
        if negative { return value }
        return value == .min ? nil : -value
    }
}
