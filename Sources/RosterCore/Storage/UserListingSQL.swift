import Foundation
import GRDB

/// Builds the keyset-paginated users query. Every statement is `ORDER BY <column>, id LIMIT n`
/// over an index, so reading a page touches about `n` rows, never the whole table.
enum UserListingSQL {
    static let filterClause = "(name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')"

    static func filterArguments(_ filter: String) -> StatementArguments {
        let pattern = "%" + escapeLike(filter) + "%"
        return [pattern, pattern]
    }

    static func escapeLike(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// The SQL expression a column sorts by.
    static func expression(_ column: UserSortColumn) -> String {
        switch column {
        case .name: "name COLLATE NOCASE"
        case .email: "email"
        case .role: "systemRole"
        case .status: "status"
        case .created: "createdAt"
        case .lastSignIn: "lastSignInAt"
        }
    }

    static func select(_ query: UserQuery) -> (sql: String, arguments: StatementArguments) {
        let column = expression(query.sort.column)
        // Reading backwards (before a cursor, or from the end) flips the order; the store
        // reverses the rows again so callers always get them in sort order.
        let backwards: Bool = switch query.position {
        case .first, .after: false
        case .before, .last: true
        }
        let ascending = query.sort.ascending != backwards
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let filter = query.filter {
            conditions.append(filterClause)
            arguments += filterArguments(filter)
        }
        switch query.position {
        case .after(let cursor), .before(let cursor):
            let (clause, args) = keyset(column: column, cursor: cursor, ascending: ascending)
            conditions.append(clause)
            arguments += args
        case .first, .last:
            break
        }
        let direction = ascending ? "ASC" : "DESC"
        var sql = """
            SELECT id, email, name, kind, systemRole, status, lockedByAdmin, lockedUntil, mfaEnabled,
                createdAt, lastSignInAt, version,
                (SELECT group_concat(name, ', ') FROM (SELECT o.name FROM membership m JOIN org o ON o.id = m.orgId
                    WHERE m.userId = user.id ORDER BY o.name COLLATE NOCASE)) AS orgs
            FROM user
            """
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY \(column) \(direction), id \(direction) LIMIT ?"
        arguments += [query.limit + 1]
        return (sql, arguments)
    }

    /// "Rows strictly after (key, id)" in the given direction. SQLite sorts NULL first
    /// ascending and last descending; only `lastSignInAt` can be NULL.
    static func keyset(column: String, cursor: UserCursor, ascending: Bool) -> (String, StatementArguments) {
        let id = cursor.id.rawValue
        let value: DatabaseValueConvertible?
        switch cursor.key {
        case .text(let text): value = text
        case .integer(let int): value = int
        case .date(let date): value = date
        case .none: value = nil
        }
        switch (value, ascending) {
        case (let value?, true):
            return ("(\(column) > ? OR (\(column) = ? AND id > ?))", [value, value, id])
        case (let value?, false):
            return ("(\(column) < ? OR (\(column) = ? AND id < ?) OR \(column) IS NULL)", [value, value, id])
        case (nil, true):
            return ("((\(column) IS NULL AND id > ?) OR \(column) IS NOT NULL)", [id])
        case (nil, false):
            return ("(\(column) IS NULL AND id < ?)", [id])
        }
    }

    static func row(_ row: Row) -> UserRow {
        UserRow(
            id: row["id"],
            email: row["email"],
            name: row["name"] ?? "",
            kind: AccountKind(rawValue: row["kind"] ?? "") ?? .standard,
            systemRole: SystemRole(rawValue: row["systemRole"] ?? 1) ?? .standard,
            status: AccountStatus(rawValue: row["status"] ?? "") ?? .active,
            lockedByAdmin: row["lockedByAdmin"],
            lockedUntil: row["lockedUntil"],
            mfaEnabled: row["mfaEnabled"],
            orgs: row["orgs"] ?? "",
            createdAt: row["createdAt"],
            lastSignInAt: row["lastSignInAt"],
            version: row["version"])
    }
}
