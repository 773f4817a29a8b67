import Foundation

/// The users list of a reader who sees only some users (an org admin: their orgs' members and
/// themselves) on PostgreSQL. Name order reads each org's stretch of `membership_org_name`
/// (migration p2) up to one page and merges them with the reader's own row, so a page costs
/// the same whether the org has a hundred members or the database a million users. Other
/// orders find the members first and sort only them.
extension PostgresUserStore {
    /// Orgs read one index stretch each; past this many, their members are sorted together.
    static let mergedOrgs = 16

    func scopedPage(_ query: UserQuery, orgs: [OrgID], user: UserID?, needle: String?, ascending: Bool) throws -> [UserRow] {
        guard query.sort.column == .name, query.signInCutoff == nil else {
            return try withOrgs(scopedSortedPage(query, orgs: orgs, user: user, needle: needle, ascending: ascending).userRows())
        }
        var sql = PGQuery()
        let direction = ascending ? "ASC" : "DESC"
        let limit = sql.bind(query.limit + 1)
        /// The conditions on one branch: its name key and id columns, its search text column.
        func conditions(key: String, id: String, text: String) -> String {
            var parts: [String] = []
            if let needle { parts.append(sql.contains(needle, in: text)) }
            switch query.position {
            case .after(let cursor), .before(let cursor):
                if case .text(let name) = cursor.key {
                    parts.append("(\(key), \(id)) \(ascending ? ">" : "<") (roster_nocase(\(sql.bind(name))), \(sql.bind(cursor.id.rawValue)))")
                }
            case .first, .last: break
            }
            return parts.map { " AND " + $0 }.joined()
        }
        var branches: [String] = []
        if orgs.count <= Self.mergedOrgs {
            for org in orgs {
                branches.append("""
                    (SELECT userId AS id, userNameKey AS k FROM membership WHERE orgId = \(sql.bind(org))\(conditions(key: "userNameKey", id: "userId", text: "userSearch"))
                        ORDER BY userNameKey \(direction), userId \(direction) LIMIT \(limit))
                    """)
            }
        } else {
            branches.append("""
                (SELECT userId AS id, userNameKey AS k FROM membership
                    WHERE orgId = ANY(\(sql.bind(PGIDArray(ids: orgs.map(\.rawValue)))))::bigint[])\(conditions(key: "userNameKey", id: "userId", text: "userSearch")))
                """)
        }
        branches.append("(SELECT id, nameKey AS k FROM users WHERE id = \(sql.bind(user?.rawValue ?? -1))\(conditions(key: "nameKey", id: "id", text: "searchText")))")
        // UNION, not UNION ALL: a member of two of the reader's orgs (or the reader) is one row.
        let found = try db.execute("""
            SELECT id FROM (\(branches.joined(separator: " UNION "))) AS scope ORDER BY k \(direction), id \(direction) LIMIT \(limit)
            """, sql.parameters)
        let ids = (0..<found.count).compactMap { found.int64($0, 0) }.map(UserID.init(rawValue:))
        return try rows(ids, sort: UserSort(.name, ascending: ascending))
    }

    /// Other orders and the dormant list: the scope's ids found first (materialized, so the
    /// planner can't turn it into a walk of a million-row index probing each row), then only
    /// their rows sorted.
    private func scopedSortedPage(_ query: UserQuery, orgs: [OrgID], user: UserID?, needle: String?, ascending: Bool) throws -> PGResult {
        var sql = PGQuery()
        sql.matching(needle)
        if let cutoff = query.signInCutoff { sql.dormant(before: cutoff) }
        switch query.position {
        case .after(let cursor), .before(let cursor): sql.after(cursor, column: query.sort.column, ascending: ascending)
        case .first, .last: break
        }
        let scope = scopeIDs(orgs: orgs, user: user, into: &sql)
        return try db.execute("""
            WITH scope AS MATERIALIZED (\(scope))
            SELECT \(PGQuery.rowColumns) FROM scope JOIN users u ON u.id = scope.id\(sql.whereClause)
                ORDER BY \(PGQuery.order(query.sort.column, ascending: ascending)) LIMIT \(sql.bind(query.limit + 1))
            """, sql.parameters)
    }

    /// How many of the scope's users hold the needle (all of them when nil), exactly: the
    /// members from the per-org name index (their search text is copied there), plus the
    /// reader when not among them. Ten thousand members count in a few milliseconds.
    func scopedCount(orgs: [OrgID], user: UserID?, needle: String?) throws -> Int {
        var sql = PGQuery()
        let orgList = sql.bind(PGIDArray(ids: orgs.map(\.rawValue)))
        let me = sql.bind(user?.rawValue ?? -1)
        let memberTest = needle.map { " AND " + sql.contains($0, in: "userSearch") } ?? ""
        let ownTest = needle.map { " AND " + sql.contains($0, in: "searchText") } ?? ""
        // One org: no member is counted twice, so no DISTINCT (and its sort) is needed.
        let members = orgs.count == 1 ? "count(*)" : "count(DISTINCT userId)"
        return try db.execute("""
            SELECT (SELECT \(members) FROM membership WHERE orgId = ANY(\(orgList)::bigint[])\(memberTest))
                + (SELECT count(*) FROM users WHERE id = \(me)\(ownTest)
                    AND NOT EXISTS (SELECT 1 FROM membership WHERE userId = \(me) AND orgId = ANY(\(orgList)::bigint[])))
            """, sql.parameters).int(0, 0) ?? 0
    }

    /// The ids of the reader's users, once each.
    private func scopeIDs(orgs: [OrgID], user: UserID?, into sql: inout PGQuery) -> String {
        let orgList = sql.bind(PGIDArray(ids: orgs.map(\.rawValue)))
        return "SELECT userId AS id FROM membership WHERE orgId = ANY(\(orgList)::bigint[]) UNION SELECT \(sql.bind(user?.rawValue ?? -1))::bigint"
    }
}
