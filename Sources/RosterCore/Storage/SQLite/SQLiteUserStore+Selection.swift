import Foundation
import GRDB

extension SQLiteUserStore {
    func rows(_ ids: [UserID], sort: UserSort) throws -> [UserRow] {
        let statement = UserListingSQL.select(UserQuery(sort: sort, limit: max(1, ids.count)), from: .ids(ids.map(\.rawValue)))
        return try Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments).map { UserListingSQL.row($0) }
    }

    func count(_ selection: UserSelection, visibleTo visibility: UserVisibility, now: Date) throws -> Int {
        let statement = UserSelectionSQL.count(selection, visibleTo: visibility, now: now)
        return try Int.fetchOne(db, sql: statement.sql, arguments: statement.arguments) ?? 0
    }

    func select(_ selection: UserSelection, visibleTo visibility: UserVisibility, sort: UserSort,
                after cursor: UserCursor?, limit: Int, now: Date) throws -> [ExportedUser] {
        let statement = UserSelectionSQL.select(selection, visibleTo: visibility, sort: sort, after: cursor, limit: limit, now: now)
        let rows = try Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments)
        // By position: a million rows looked up by column name spend seconds lowercasing names.
        var users = rows.map { row in
            ExportedUser(row: UserListingSQL.rowByPosition(row), firstName: row[13] ?? "", lastName: row[14] ?? "", memberships: [])
        }
        // One query for the whole page's memberships, not one per user.
        let lookup = UserSelectionSQL.memberships(of: users.map(\.row.id))
        var byUser: [Int64: [ExportedMembership]] = [:]
        for row in try Row.fetchAll(db, sql: lookup.sql, arguments: lookup.arguments) {
            let role = OrgRole(rawValue: row[2] ?? "") ?? .member
            byUser[row[0], default: []].append(ExportedMembership(orgId: OrgID(rawValue: row[3]), org: row[1] ?? "", role: role))
        }
        for index in users.indices { users[index].memberships = byUser[users[index].row.id.rawValue] ?? [] }
        return users
    }
}
