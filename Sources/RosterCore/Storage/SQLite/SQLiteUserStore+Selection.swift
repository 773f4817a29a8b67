import Foundation
import GRDB

extension SQLiteUserStore {
    func rows(_ ids: [UserID], sort: UserSort) throws -> [UserRow] {
        let statement = UserListingSQL.select(UserQuery(sort: sort, limit: max(1, ids.count)), from: .ids(ids.map(\.rawValue)))
        return try UserListingSQL.rows(Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments), in: db)
    }

    func count(_ selection: UserSelection, visibleTo visibility: UserVisibility, now: Date) throws -> Int {
        let statement = UserSelectionSQL.count(selection, visibleTo: visibility, now: now)
        return try Int.fetchOne(db, sql: statement.sql, arguments: statement.arguments) ?? 0
    }

    func select(_ selection: UserSelection, visibleTo visibility: UserVisibility, sort: UserSort,
                after cursor: UserCursor?, limit: Int, now: Date) throws -> [ExportedUser] {
        let statement = UserSelectionSQL.select(selection, visibleTo: visibility, sort: sort, after: cursor, limit: limit, now: now)
        // By position: a million rows looked up by column name spend seconds lowercasing names.
        // Read as they stream (a cursor), not copied into rows first: an export reads a million.
        let rows = try Row.fetchCursor(db.cachedStatement(sql: statement.sql), arguments: statement.arguments)
        var users: [ExportedUser] = []
        users.reserveCapacity(limit)
        while let row = try rows.next() {
            users.append(ExportedUser(row: UserListingSQL.row(row), firstName: row[13] ?? "", lastName: row[14] ?? "", memberships: []))
        }
        // One query for the whole page's memberships, not one per user.
        let lookup = UserSelectionSQL.memberships(of: users.map(\.row.id))
        var byUser: [Int64: [ExportedMembership]] = [:]
        // Not cached: its text changes with the page's size.
        let memberships = try Row.fetchCursor(db, sql: lookup.sql, arguments: lookup.arguments)
        while let row = try memberships.next() {
            let role = OrgRole(rawValue: row[2] ?? "") ?? .member
            byUser[row[0], default: []].append(ExportedMembership(orgId: OrgID(rawValue: row[3]), org: row[1] ?? "", role: role))
        }
        for index in users.indices {
            let memberships = byUser[users[index].row.id.rawValue] ?? []
            users[index].memberships = memberships
            users[index].row.orgs = memberships.map(\.org).joined(separator: ", ")
        }
        return users
    }
}
