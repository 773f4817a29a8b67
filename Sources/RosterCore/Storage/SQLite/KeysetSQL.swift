import Foundation
import GRDB

/// The rows strictly past a cursor `(key, id)` in a sort order, read in `ascending` order:
/// the keyset that makes every page cost the same wherever it lies.
///
/// SQLite sorts NULL first ascending and last descending; a `nullable` column (only
/// `lastSignInAt`) brings its NULLs along, and no other should, because `OR column IS NULL`
/// keeps SQLite from seeking at all (a page deep in the email order read backwards cost 60 ms).
struct KeysetSQL {
    /// The SQL expression sorted by (with its collation, for the name).
    let column: String
    let cursor: UserCursor
    let ascending: Bool
    let nullable: Bool
    var idColumn = "user.id"

    var value: DatabaseValueConvertible? {
        switch cursor.key {
        case .text(let text): text
        case .integer(let int): int
        case .date(let date): date.stored
        case .none: nil
        }
    }

    /// One condition for the whole keyset, for queries that read past it in order (walks,
    /// exports). SQLite seeks with it to the cursor's key, then passes the rows that share the
    /// key up to the cursor's id: fine for a nearly unique column, a long read deep inside a
    /// role or a status (see `parts`).
    var condition: (clause: String, arguments: StatementArguments) {
        let id = cursor.id.rawValue
        // The range on the column alone is what SQLite seeks with; a row value `(column, id) > (?, ?)`
        // seeks the same on dates and roles, but scans the name's NOCASE expression index whole.
        switch (value, ascending) {
        case (let value?, true):
            return ("(\(column) >= ? AND (\(column) > ? OR \(idColumn) > ?))", [value, value, id])
        case (let value?, false) where nullable:
            return ("((\(column) <= ? AND (\(column) < ? OR \(idColumn) < ?)) OR \(column) IS NULL)", [value, value, id])
        case (let value?, false):
            return ("(\(column) <= ? AND (\(column) < ? OR \(idColumn) < ?))", [value, value, id])
        case (nil, true):
            return ("((\(column) IS NULL AND \(idColumn) > ?) OR \(column) IS NOT NULL)", [id])
        case (nil, false):
            return ("(\(column) IS NULL AND \(idColumn) < ?)", [id])
        }
    }

    /// The same rows as `condition`, in parts that each seek the `(column, id)` index straight
    /// to where they start, in reading order: the rows sharing the cursor's key past its id,
    /// then the rows past its key (then, reading down a nullable column, its NULLs).
    var parts: [(clause: String, arguments: StatementArguments, order: String)] {
        let id = cursor.id.rawValue
        let direction = ascending ? "ASC" : "DESC"
        let byId = "\(idColumn) \(direction)"
        let byKey = "\(column) \(direction), \(idColumn) \(direction)"
        let past = ascending ? ">" : "<"
        switch value {
        case let value?:
            var parts: [(String, StatementArguments, String)] = [
                ("\(column) = ? AND \(idColumn) \(past) ?", [value, id], byId),
                ("\(column) \(past) ?", [value], byKey),
            ]
            if nullable, !ascending { parts.append(("\(column) IS NULL", [], byId)) }
            return parts
        case nil:
            var parts: [(String, StatementArguments, String)] = [("\(column) IS NULL AND \(idColumn) \(past) ?", [id], byId)]
            if ascending { parts.append(("\(column) IS NOT NULL", [], byKey)) }
            return parts
        }
    }
}
