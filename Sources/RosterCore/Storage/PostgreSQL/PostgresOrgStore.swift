import Foundation

/// `OrgStore` over PostgreSQL.
struct PostgresOrgStore: OrgStore {
    let db: PGConnection

    static let columns = "id, name, locked, mfaRequired, standardUserLimit, serviceUserLimit, createdAt, version, reviewIntervalDays, lastReviewedAt"

    func find(_ id: OrgID) throws -> Org? {
        try PGRecord.decodeFirst(Org.self, from: db.execute("SELECT \(Self.columns) FROM org WHERE id = $1", [id]))
    }

    func find(name: String) throws -> Org? {
        try PGRecord.decodeFirst(Org.self, from: db.execute(
            "SELECT \(Self.columns) FROM org WHERE roster_nocase(name) = roster_nocase($1)", [name]))
    }

    func all() throws -> [Org] {
        try PGRecord.decode(Org.self, from: db.execute("SELECT \(Self.columns) FROM org ORDER BY roster_nocase(name)"))
    }

    func insert(name: String, at: Date) throws -> Org {
        if try find(name: name) != nil { throw RosterError.duplicateOrgName(name) }
        let id = try db.execute("INSERT INTO org (name, createdAt, version) VALUES ($1, $2, 1) RETURNING id", [name, at]).int64(0, 0) ?? 0
        return Org(id: OrgID(rawValue: id), name: name, locked: false, mfaRequired: false,
                   standardUserLimit: nil, serviceUserLimit: nil, createdAt: at, version: 1)
    }

    func update(_ org: Org, expectedVersion: Int) throws -> Org {
        guard let stored = try db.execute("SELECT version FROM org WHERE id = $1", [org.id]).int(0, 0) else {
            throw RosterError.orgNotFound(org.name)
        }
        guard stored == expectedVersion else { throw RosterError.changedBySomeoneElse("Organization \(org.name)") }
        if let other = try find(name: org.name), other.id != org.id { throw RosterError.duplicateOrgName(org.name) }
        var updated = org
        updated.version = expectedVersion + 1
        try PGRecord.update(updated, in: "org", key: "id", on: db)
        return updated
    }

    func delete(_ id: OrgID) throws {
        try db.execute("DELETE FROM org WHERE id = $1", [id])
    }

    func membership(of user: UserID, in org: OrgID) throws -> Membership? {
        try PGRecord.decodeFirst(Membership.self, from: db.execute(
            "SELECT userId, orgId, role, createdAt FROM membership WHERE userId = $1 AND orgId = $2", [user, org]))
    }

    func memberships(of user: UserID) throws -> [MembershipDetail] {
        let result = try db.execute("""
            SELECT m.orgId, o.name, m.role, o.mfaRequired FROM membership m JOIN org o ON o.id = m.orgId
            WHERE m.userId = $1 ORDER BY roster_nocase(o.name)
            """, [user])
        return (0..<result.count).map { row in
            MembershipDetail(orgId: OrgID(rawValue: result.int64(row, 0) ?? 0), orgName: result.text(row, 1) ?? "",
                             role: OrgRole(rawValue: result.text(row, 2) ?? "") ?? .member, orgRequiresMFA: result.bool(row, 3) ?? false)
        }
    }

    func members(of org: OrgID) throws -> [OrgMember] {
        let result = try db.execute("""
            SELECT u.id, u.email, u.name, m.role FROM membership m JOIN users u ON u.id = m.userId
            WHERE m.orgId = $1 ORDER BY u.nameKey, u.id
            """, [org])
        return (0..<result.count).map { row in
            OrgMember(userId: UserID(rawValue: result.int64(row, 0) ?? 0), email: Email(stored: result.text(row, 1) ?? ""),
                      name: result.text(row, 2) ?? "", role: OrgRole(rawValue: result.text(row, 3) ?? "") ?? .member)
        }
    }

    func orgRoles(of user: UserID) throws -> [OrgID: OrgRole] {
        let result = try db.execute("SELECT orgId, role FROM membership WHERE userId = $1", [user])
        var roles: [OrgID: OrgRole] = [:]
        for row in 0..<result.count {
            if let org = result.int64(row, 0), let role = result.text(row, 1).flatMap(OrgRole.init(rawValue:)) {
                roles[OrgID(rawValue: org)] = role
            }
        }
        return roles
    }

    func save(_ membership: Membership) throws {
        try db.execute("""
            INSERT INTO membership (userId, orgId, role, createdAt) VALUES ($1, $2, $3, $4)
            ON CONFLICT (userId, orgId) DO UPDATE SET role = excluded.role, createdAt = excluded.createdAt
            """, [membership.userId, membership.orgId, membership.role.rawValue, membership.createdAt])
    }

    func removeMembership(of user: UserID, from org: OrgID) throws {
        try db.execute("DELETE FROM membership WHERE userId = $1 AND orgId = $2", [user, org])
    }

    func countActiveOrgAdmins(of org: OrgID) throws -> Int {
        try db.execute("""
            SELECT count(*) FROM membership m JOIN users u ON u.id = m.userId
            WHERE m.orgId = $1 AND m.role = 'org-admin' AND u.status = 'active'
            """, [org]).int(0, 0) ?? 0
    }

    func headcount(of org: OrgID) throws -> OrgHeadcount {
        // Read-only *roles* don't count against limits either, whatever the kind.
        let result = try db.execute("""
            SELECT CASE WHEN u.systemRole = 0 THEN 'read-only' ELSE u.kind END AS k, count(*)
            FROM membership m JOIN users u ON u.id = m.userId WHERE m.orgId = $1 GROUP BY k
            """, [org])
        var count = OrgHeadcount()
        for row in 0..<result.count {
            let n = result.int(row, 1) ?? 0
            switch AccountKind(rawValue: result.text(row, 0) ?? "") {
            case .standard: count.standard = n
            case .service: count.service = n
            case .readOnly: count.readOnly = n
            case nil: break
            }
        }
        return count
    }

    func memberCount(of org: OrgID) throws -> Int {
        try db.execute("SELECT count(*) FROM membership WHERE orgId = $1", [org]).int(0, 0) ?? 0
    }
}
