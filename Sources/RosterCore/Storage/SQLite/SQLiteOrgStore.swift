import Foundation
import GRDB

/// `OrgStore` over SQLite.
struct SQLiteOrgStore: OrgStore {
    let db: Database

    func find(_ id: OrgID) throws -> Org? {
        try Org.fetchOne(db, is: id.rawValue)
    }

    func find(name: String) throws -> Org? {
        try Org.fetchOne(db, sql: "SELECT * FROM org WHERE name = ? COLLATE NOCASE", arguments: [name])
    }

    func all() throws -> [Org] {
        try Org.fetchAll(db, sql: "SELECT * FROM org ORDER BY name COLLATE NOCASE")
    }

    func insert(name: String, at: Date) throws -> Org {
        if try find(name: name) != nil { throw RosterError.duplicateOrgName(name) }
        try db.execute(sql: "INSERT INTO org (name, createdAt, version) VALUES (?, ?, 1)", arguments: [name, at.stored])
        return Org(id: OrgID(rawValue: db.lastInsertedRowID), name: name, locked: false, mfaRequired: false,
                   standardUserLimit: nil, serviceUserLimit: nil, createdAt: at, version: 1)
    }

    func update(_ org: Org, expectedVersion: Int) throws -> Org {
        guard let stored = try Int.fetchOne(db, sql: "SELECT version FROM org WHERE id = ?", arguments: [org.id]) else {
            throw RosterError.orgNotFound(org.name)
        }
        guard stored == expectedVersion else { throw RosterError.changedBySomeoneElse("Organization \(org.name)") }
        if let other = try find(name: org.name), other.id != org.id { throw RosterError.duplicateOrgName(org.name) }
        var updated = org
        updated.version = expectedVersion + 1
        try updated.update(db)
        return updated
    }

    func delete(_ id: OrgID) throws {
        try db.execute(sql: "DELETE FROM org WHERE id = ?", arguments: [id])
    }

    func membership(of user: UserID, in org: OrgID) throws -> Membership? {
        try Membership.fetchOne(db, sql: "SELECT * FROM membership WHERE userId = ? AND orgId = ?", arguments: [user, org])
    }

    func memberships(of user: UserID) throws -> [MembershipDetail] {
        try Row.fetchAll(db, sql: """
            SELECT m.orgId, o.name, m.role, o.mfaRequired FROM membership m JOIN org o ON o.id = m.orgId
            WHERE m.userId = ? ORDER BY o.name COLLATE NOCASE
            """, arguments: [user]).map { row in
            MembershipDetail(orgId: row[0], orgName: row[1], role: OrgRole(rawValue: row[2] ?? "") ?? .member, orgRequiresMFA: row[3])
        }
    }

    func members(of org: OrgID) throws -> [OrgMember] {
        try Row.fetchAll(db, sql: """
            SELECT u.id, u.email, u.name, m.role FROM membership m JOIN user u ON u.id = m.userId
            WHERE m.orgId = ? ORDER BY u.name COLLATE NOCASE, u.id
            """, arguments: [org]).map { row in
            OrgMember(userId: row[0], email: row[1], name: row[2] ?? "", role: OrgRole(rawValue: row[3] ?? "") ?? .member)
        }
    }

    func orgRoles(of user: UserID) throws -> [OrgID: OrgRole] {
        // Prepared once per connection: every actor re-read and every import line asks it.
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT orgId, role FROM membership WHERE userId = ?"), arguments: [user])
        var roles: [OrgID: OrgRole] = [:]
        for row in rows {
            if let role = OrgRole(rawValue: row[1] ?? "") { roles[row[0]] = role }
        }
        return roles
    }

    /// One cached upsert rather than the record's save (an UPDATE, then an INSERT when nothing
    /// was updated, each built anew): an import adds a membership for every user with an org.
    func save(_ membership: Membership) throws {
        try db.cachedStatement(sql: """
            INSERT INTO membership (userId, orgId, role, createdAt) VALUES (?, ?, ?, ?)
            ON CONFLICT (userId, orgId) DO UPDATE SET role = excluded.role, createdAt = excluded.createdAt
            """).execute(arguments: [membership.userId, membership.orgId, membership.role.rawValue, membership.createdAt.stored])
    }

    func removeMembership(of user: UserID, from org: OrgID) throws {
        try db.execute(sql: "DELETE FROM membership WHERE userId = ? AND orgId = ?", arguments: [user, org])
    }

    func countActiveOrgAdmins(of org: OrgID) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM membership m JOIN user u ON u.id = m.userId
            WHERE m.orgId = ? AND m.role = 'org-admin' AND u.status = 'active'
            """, arguments: [org]) ?? 0
    }

    func headcount(of org: OrgID) throws -> OrgHeadcount {
        // Read-only *roles* don't count against limits either, whatever the kind.
        let rows = try Row.fetchAll(db, sql: """
            SELECT CASE WHEN u.systemRole = 0 THEN 'read-only' ELSE u.kind END AS k, COUNT(*)
            FROM membership m JOIN user u ON u.id = m.userId
            WHERE m.orgId = ? GROUP BY k
            """, arguments: [org])
        var count = OrgHeadcount()
        for row in rows {
            let n: Int = row[1]
            switch AccountKind(rawValue: row[0] ?? "") {
            case .standard: count.standard = n
            case .service: count.service = n
            case .readOnly: count.readOnly = n
            case nil: break
            }
        }
        return count
    }

    func memberCount(of org: OrgID) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM membership WHERE orgId = ?", arguments: [org]) ?? 0
    }
}
