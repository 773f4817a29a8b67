import Foundation

/// Selections of users with their memberships: filtered lists, exports, bulk actions.
extension PostgresUserStore {
    func select(_ selection: UserSelection, visibleTo visibility: UserVisibility, sort: UserSort,
                after cursor: UserCursor?, limit: Int, now: Date) throws -> [ExportedUser] {
        let users = try rows(selection, visibleTo: visibility, sort: sort, after: cursor, limit: limit, now: now)
        return try Self.attaching(db.execute(Self.membershipsSQL, [Self.ids(of: users)]), to: users)
    }

    /// Every page as `select` reads it, a page's memberships read while the page before is
    /// handed on: an export of a million users waited 4 ms a page for them, then wrote the
    /// page while the server sat idle.
    func each(_ selection: UserSelection, visibleTo visibility: UserVisibility, sort: UserSort, pageSize: Int, now: Date,
              _ page: ([ExportedUser]) throws -> Void) throws {
        var cursor: UserCursor?
        var previous: [ExportedUser] = []
        while true {
            let users = try rows(selection, visibleTo: visibility, sort: sort, after: cursor, limit: pageSize, now: now)
            if !users.isEmpty { try db.send(Self.membershipsSQL, [Self.ids(of: users)]) }
            if !previous.isEmpty { try page(previous) }
            guard let last = users.last else { return }
            previous = try Self.attaching(db.answer(), to: users)
            if users.count < pageSize { return try page(previous) }
            cursor = UserCursor(row: last.row, column: sort.column)
        }
    }

    /// One page of users, memberships not yet attached.
    private func rows(_ selection: UserSelection, visibleTo visibility: UserVisibility, sort: UserSort,
                      after cursor: UserCursor?, limit: Int, now: Date) throws -> [ExportedUser] {
        var query = PGQuery()
        query.selecting(selection, visibleTo: visibility, now: now)
        if let cursor { query.after(cursor, column: sort.column, ascending: sort.ascending) }
        let cap = query.bind(limit)
        let result = try db.execute("""
            SELECT \(PGQuery.rowColumns), u.firstName, u.lastName FROM users u\(query.whereClause)
                ORDER BY \(PGQuery.order(sort.column, ascending: sort.ascending)) LIMIT \(cap)
            """, query.parameters)
        return try result.userRows().enumerated().map { index, row in
            ExportedUser(row: row, firstName: result.text(index, "firstname") ?? "", lastName: result.text(index, "lastname") ?? "",
                         memberships: [])
        }
    }

    /// One query for a whole page's memberships, not one per user, put in order here (OrgNameOrder).
    private static let membershipsSQL = """
        SELECT m.userId, o.name, m.role, m.orgId FROM membership m JOIN org o ON o.id = m.orgId WHERE m.userId = ANY($1::bigint[])
        """

    private static func ids(of users: [ExportedUser]) -> PGIDArray {
        PGIDArray(ids: users.map(\.row.id.rawValue))
    }

    private static func attaching(_ memberships: PGResult, to page: [ExportedUser]) -> [ExportedUser] {
        var byUser: [Int64: [ExportedMembership]] = [:]
        for row in 0..<memberships.count {
            guard let user = memberships.int64(row, 0), let org = memberships.int64(row, 3) else { continue }
            let role = OrgRole(rawValue: memberships.text(row, 2) ?? "") ?? .member
            byUser[user, default: []].append(ExportedMembership(orgId: OrgID(rawValue: org), org: memberships.text(row, 1) ?? "", role: role))
        }
        var users = page
        for index in users.indices {
            users[index].memberships = (byUser[users[index].row.id.rawValue] ?? []).sorted { OrgNameOrder.precedes($0.org, $1.org) }
            users[index].row.orgs = users[index].memberships.map(\.org).joined(separator: ", ")
        }
        return users
    }
}
