import GRDB

/// The users list of a reader who sees only some users (`UserVisibility.scoped`: an org
/// admin's members, or oneself), in name order, from the per-org name index on memberships
/// (migration v4). Where `UserListingSQL.Source.scope` looks up every member's row in the
/// user table and sorts them, ten thousand random reads a page at a million users, this reads
/// one contiguous stretch of `membership_org_name` and stops at the page's end.
enum ScopedListingSQL {
    /// The reader's rows: members of `orgs`, plus `user` when not among them.
    struct Scope {
        var orgs: [OrgID]
        var user: UserID?
        /// Whether `user` is a member of one of `orgs` (then the index alone holds the scope).
        var userIsMember: Bool

        /// One org holding the reader: walk its stretch of the index directly, in order.
        var isOneOrg: Bool { orgs.count == 1 && (userIsMember || user == nil) }

        /// `(scopeId, scopeName, scopeText)` rows, without duplicates.
        func rows() -> (sql: String, arguments: StatementArguments) {
            var parts: [String] = []
            var arguments = StatementArguments()
            if !orgs.isEmpty {
                // DISTINCT: a member of two of the reader's orgs is one row (UNION would do it too,
                // but there may be nothing to union with).
                parts.append("""
                    SELECT DISTINCT userId AS scopeId, userName AS scopeName, userSearch AS scopeText FROM membership
                    WHERE orgId IN (\(databaseQuestionMarks(count: orgs.count)))
                    """)
                arguments += StatementArguments(orgs.map(\.rawValue))
            }
            if !userIsMember || orgs.isEmpty {
                parts.append("SELECT id AS scopeId, name AS scopeName, searchText AS scopeText FROM user WHERE id = ?")
                arguments += [user?.rawValue ?? -1]
            }
            return (parts.joined(separator: " UNION "), arguments)
        }
    }

    /// The ids of one page (`pageId`), at most `limit + 1`, in the query's name order.
    static func pageIDs(_ query: UserQuery, scope: Scope, needle: String?) -> (sql: String, arguments: StatementArguments) {
        let ascending = query.sort.ascending != UserListingSQL.isBackwards(query.position)
        let direction = ascending ? "ASC" : "DESC"
        let (name, id, text) = scope.isOneOrg ? ("userName", "userId", "userSearch") : ("scopeName", "scopeId", "scopeText")
        var conditions: [String] = []
        var arguments = StatementArguments()
        let from: String
        if scope.isOneOrg {
            from = "membership INDEXED BY membership_org_name"
            conditions.append("orgId = ?")
            arguments += [scope.orgs[0].rawValue]
        } else {
            let rows = scope.rows()
            from = "(\(rows.sql))"
            arguments += rows.arguments
        }
        if let needle {
            conditions.append("instr(\(text), ?) > 0")
            arguments += [needle]
        }
        switch query.position {
        case .after(let cursor), .before(let cursor):
            let keyset = KeysetSQL(column: "\(name) COLLATE NOCASE", cursor: cursor, ascending: ascending, nullable: false, idColumn: id).condition
            conditions.append(keyset.clause)
            arguments += keyset.arguments
        case .first, .last:
            break
        }
        arguments += [query.limit + 1]
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return ("SELECT \(id) AS pageId FROM \(from)\(whereClause) ORDER BY \(name) COLLATE NOCASE \(direction), \(id) \(direction) LIMIT ?",
                arguments)
    }

    /// How many users of the scope hold the needle (all of them when nil).
    static func count(scope: Scope, needle: String?) -> (sql: String, arguments: StatementArguments) {
        let rows = scope.rows()
        var arguments = rows.arguments
        var sql = "SELECT count(*) FROM (\(rows.sql))"
        if let needle {
            sql += " WHERE instr(scopeText, ?) > 0"
            arguments += [needle]
        }
        return (sql, arguments)
    }
}
