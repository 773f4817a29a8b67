import Foundation
import GRDB

/// Builds the keyset-paginated users query. Every statement is `ORDER BY <column>, id LIMIT n`
/// over an index, so reading a page touches about `n` rows, never the whole table, unless a
/// rare filter forces a scan (see `UserFilterSearch`, which avoids that with the trigram index).
enum UserListingSQL {
    /// Where the rows of a page come from.
    enum Source {
        /// The users table in sort order; with a needle, only rows whose search text holds it.
        case table(needle: String?)
        /// At most `budget` rows of the table in sort order from the cursor, then the needle.
        case walk(needle: String, budget: Int)
        /// The rows an FTS5 query over `userSearch` finds, checked against the needle and sorted.
        case hits(match: String, needle: String)
        /// These rows, already chosen (at most the page's size).
        case ids([Int64])
        /// The members of these orgs and one user (a reader's `UserVisibility.scoped`), sorted
        /// in SQL: an org admin's ten thousand members are read and sorted, never the table.
        case scope(orgs: [OrgID], user: UserID?, needle: String?)
    }

    /// The ids of the users a scoped reader can see, as a subquery yielding `scopeId`.
    /// `UNION` drops the duplicates of users in several of the reader's orgs.
    static func scopeIDs(orgs: [OrgID], user: UserID?) -> (sql: String, arguments: StatementArguments) {
        var parts: [String] = []
        var arguments = StatementArguments()
        if !orgs.isEmpty {
            parts.append("SELECT userId AS scopeId FROM membership WHERE orgId IN (\(databaseQuestionMarks(count: orgs.count)))")
            arguments += StatementArguments(orgs.map(\.rawValue))
        }
        parts.append("SELECT ? AS scopeId")
        arguments += [user?.rawValue ?? -1]  // no user has id -1
        return (parts.joined(separator: " UNION "), arguments)
    }

    /// The row as the users table shows it, with its org ids (kept in the row by triggers, see
    /// `registerUserOrgIDs`) where the org names go: `rows(_:in:)` names them. Looked up per
    /// row, the names cost half a deep page's time.
    static let columns = """
        user.id, user.email, user.name, user.kind, user.systemRole, user.status, user.lockedByAdmin,
            user.lockedUntil, user.mfaEnabled, user.createdAt, user.lastSignInAt, user.version, user.orgIds AS orgs
        """

    /// As `columns`, with the org names left for the caller to join from memberships it reads
    /// anyway (exports: a subquery and a sort per row saved, a million times).
    static let columnsWithoutOrgs = """
        user.id, user.email, user.name, user.kind, user.systemRole, user.status, user.lockedByAdmin,
            user.lockedUntil, user.mfaEnabled, user.createdAt, user.lastSignInAt, user.version, '' AS orgs
        """

    /// The SQL expression a column sorts by.
    static func expression(_ column: UserSortColumn) -> String {
        switch column {
        case .name: "user.name COLLATE NOCASE"
        case .email: "user.email"
        case .role: "user.systemRole"
        case .status: "user.status"
        case .created: "user.createdAt"
        case .lastSignIn: "user.lastSignInAt"
        case .id: "user.id"
        }
    }

    /// Reading backwards (before a cursor, or from the end) flips the order; the store
    /// reverses the rows again so callers always get them in sort order.
    static func isBackwards(_ position: UserPagePosition) -> Bool {
        switch position {
        case .first, .after: false
        case .before, .last: true
        }
    }

    /// The page: its ids are chosen first (`pageIDs`), then only those rows are read in full,
    /// never every candidate.
    static func select(_ query: UserQuery, from source: Source) -> (sql: String, arguments: StatementArguments) {
        let ids = pageIDs(query, from: source)
        let column = expression(query.sort.column)
        let direction = query.sort.ascending != isBackwards(query.position) ? "ASC" : "DESC"
        let sql = "SELECT \(columns) FROM (\(ids.sql)) CROSS JOIN user ON user.id = pageId ORDER BY \(column) \(direction), user.id \(direction)"
        return (sql, ids.arguments)
    }

    /// The ids of the page's rows (`pageId`), at most `limit + 1` of them.
    static func pageIDs(_ query: UserQuery, from source: Source) -> (sql: String, arguments: StatementArguments) {
        let column = expression(query.sort.column)
        let ascending = query.sort.ascending != isBackwards(query.position)
        let direction = ascending ? "ASC" : "DESC"
        let order = "ORDER BY \(column) \(direction), user.id \(direction)"
        let seek = keyset(query, column: column, ascending: ascending)
        let keyset = seek?.condition
        let limit = query.limit + 1

        var conditions: [String] = []
        var arguments = StatementArguments()
        func whereClause() -> String {
            conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        }
        /// The needle (when there is one), dormancy and the keyset, the conditions most sources share.
        func filterAndKeyset(_ needle: String?, keyset: (clause: String, arguments: StatementArguments)? = keyset) {
            if let needle {
                conditions.append("instr(user.searchText, ?) > 0")
                arguments += [needle]
            }
            if let cutoff = query.signInCutoff {
                conditions.append(UserSelectionSQL.dormant)
                arguments += [cutoff, cutoff]
            }
            if let keyset {
                conditions.append(keyset.clause)
                arguments += keyset.arguments
            }
        }
        switch source {
        case .table(let needle):
            guard let seek else {
                filterAndKeyset(needle)
                arguments += [limit]
                return ("SELECT user.id AS pageId FROM user\(whereClause()) \(order) LIMIT ?", arguments)
            }
            // Past a cursor, each part of the keyset seeks the index on its own and reads at most
            // a page; the page is the first of them all. One condition for the whole keyset
            // would read every row sharing the cursor's key up to its id: deep inside a million
            // standard users, or active ones, a page cost 60 ms instead of 10.
            var parts: [String] = []
            for part in seek.parts {
                conditions = [part.clause]
                arguments += part.arguments
                filterAndKeyset(needle, keyset: nil)
                arguments += [limit]
                parts.append("SELECT * FROM (SELECT user.id AS pageId, \(column) AS pageKey FROM user\(whereClause()) ORDER BY \(part.order) LIMIT ?)")
            }
            arguments += [limit]
            let key = column.hasSuffix("COLLATE NOCASE") ? "pageKey COLLATE NOCASE" : "pageKey"
            return ("SELECT pageId FROM (\(parts.joined(separator: " UNION ALL "))) ORDER BY \(key) \(direction), pageId \(direction) LIMIT ?",
                    arguments)
        case .walk(let needle, let budget):
            // The inner walk reads the sort index in order from the cursor and stops after
            // `budget` rows; the outer query keeps matches as they stream past and stops at the
            // page's size. No ORDER BY out there: sorting would read the whole budget first.
            if let keyset {
                conditions.append(keyset.clause)
                arguments += keyset.arguments
            }
            arguments += [budget, needle, limit]
            return ("""
                SELECT walkId AS pageId FROM (SELECT user.id AS walkId, user.searchText AS walkText FROM user\(whereClause())
                    \(order) LIMIT ?) WHERE instr(walkText, ?) > 0 LIMIT ?
                """, arguments)
        case .ids(let ids):
            let ids = ids.isEmpty ? [-1] : ids  // `IN ()` is not SQL; no user has id -1
            arguments += StatementArguments(ids)
            return ("SELECT user.id AS pageId FROM user WHERE user.id IN (\(databaseQuestionMarks(count: ids.count)))", arguments)
        case .scope(let orgs, let user, let needle):
            let scope = scopeIDs(orgs: orgs, user: user)
            arguments += scope.arguments
            filterAndKeyset(needle)
            arguments += [limit]
            return ("SELECT user.id AS pageId FROM (\(scope.sql)) CROSS JOIN user ON user.id = scopeId\(whereClause()) \(order) LIMIT ?", arguments)
        case .hits(let match, let needle):
            arguments += [match]
            filterAndKeyset(needle)
            arguments += [limit]
            return ("""
                SELECT user.id AS pageId FROM (SELECT rowid AS hitId FROM userSearch WHERE userSearch MATCH ?)
                    CROSS JOIN user ON user.id = hitId\(whereClause()) \(order) LIMIT ?
                """, arguments)
        }
    }

    /// How many rows of the table lie from the cursor onwards, up to `budget`: tells whether a
    /// short walk ran out of budget or out of table.
    static func walkLength(_ query: UserQuery, budget: Int) -> (sql: String, arguments: StatementArguments) {
        let column = expression(query.sort.column)
        let ascending = query.sort.ascending != isBackwards(query.position)
        let direction = ascending ? "ASC" : "DESC"
        var sql = "SELECT count(*) FROM (SELECT 1 FROM user"
        var arguments = StatementArguments()
        if let keyset = keyset(query, column: column, ascending: ascending)?.condition {
            sql += " WHERE " + keyset.clause
            arguments += keyset.arguments
        }
        sql += " ORDER BY \(column) \(direction), user.id \(direction) LIMIT ?)"
        arguments += [budget]
        return (sql, arguments)
    }

    /// The keyset past the query's cursor, if it has one.
    static func keyset(_ query: UserQuery, column: String, ascending: Bool) -> KeysetSQL? {
        query.position.cursor.map { KeysetSQL(column: column, cursor: $0, ascending: ascending, nullable: query.sort.column.isNullable) }
    }

    /// A row of `columnsWithoutOrgs` (or of `columns`, its org ids not yet named: use
    /// `rows(_:in:)`), read by position: looking columns up by name folded each name's case
    /// for every row, as long as the page's query itself.
    static func row(_ row: Row) -> UserRow {
        UserRow(
            id: row[0],
            email: row[1],
            name: row[2] ?? "",
            kind: AccountKind(rawValue: row[3] ?? "") ?? .standard,
            systemRole: SystemRole(rawValue: row[4] ?? 1) ?? .standard,
            status: AccountStatus(rawValue: row[5] ?? "") ?? .active,
            lockedByAdmin: row[6],
            lockedUntil: row.date(at: 7),
            mfaEnabled: row[8],
            orgs: row[12] ?? "",
            createdAt: row.date(at: 9) ?? Date(timeIntervalSince1970: 0),
            lastSignInAt: row.date(at: 10),
            version: row[11])
    }
}
