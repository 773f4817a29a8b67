import GRDB
import GRDBSQLite

/// The first column of each row, read as a 64-bit integer straight from the statement.
///
/// `Int64.fetchAll` reads each value through GRDB's generic cursor, whose element accessor
/// is not specialized outside GRDB and looks up its generic type on every row: a fifth of the
/// time to list a common filter's 25,000 trigram hits went there. This cursor's element is one
/// `sqlite3_column_int64` call; GRDB still steps the statement and reports its errors.
/// (`DatabaseCursor`'s underscored requirements are GRDB's public protocol for its own cursors;
/// IntegerColumnCursorTests would catch a GRDB release that changed them.)
final class IntegerColumnCursor: DatabaseCursor {
    typealias Element = Int64
    let _statement: Statement
    var _isDone = false

    init(_ statement: Statement, arguments: StatementArguments) throws {
        _statement = statement
        try statement.setArguments(arguments)
    }

    func _element(sqliteStatement: SQLiteStatement) throws -> Int64 {
        sqlite3_column_int64(sqliteStatement, 0)
    }

    /// Every row's first column, from a statement prepared once per connection.
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments) throws -> [Int64] {
        var values: [Int64] = []
        try IntegerColumnCursor(db.cachedStatement(sql: sql), arguments: arguments).forEach { values.append($0) }
        return values
    }
}
