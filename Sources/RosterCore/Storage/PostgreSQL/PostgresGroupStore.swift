import Foundation

/// `GroupStore` over PostgreSQL.
struct PostgresGroupStore: GroupStore {
    let db: PGConnection

    static let columns = "id, orgId, name, createdAt"

    func find(_ id: GroupID) throws -> UserGroup? {
        try PGRecord.decodeFirst(UserGroup.self, from: db.execute("SELECT \(Self.columns) FROM userGroup WHERE id = $1", [id]))
    }

    func find(name: String, in org: OrgID) throws -> UserGroup? {
        try PGRecord.decodeFirst(UserGroup.self, from: db.execute(
            "SELECT \(Self.columns) FROM userGroup WHERE orgId = $1 AND roster_nocase(name) = roster_nocase($2)", [org, name]))
    }

    func all(in org: OrgID?) throws -> [UserGroup] {
        if let org {
            return try PGRecord.decode(UserGroup.self, from: db.execute(
                "SELECT \(Self.columns) FROM userGroup WHERE orgId = $1 ORDER BY roster_nocase(name), id", [org]))
        }
        return try PGRecord.decode(UserGroup.self, from: db.execute("SELECT \(Self.columns) FROM userGroup ORDER BY orgId, roster_nocase(name), id"))
    }

    func insert(name: String, org: OrgID, at: Date) throws -> UserGroup {
        if try find(name: name, in: org) != nil { throw RosterError.duplicateGroupName(name) }
        let id = try db.execute("INSERT INTO userGroup (orgId, name, createdAt) VALUES ($1, $2, $3) RETURNING id", [org, name, at]).int64(0, 0) ?? 0
        return UserGroup(id: GroupID(rawValue: id), orgId: org, name: name, createdAt: at)
    }

    func rename(_ id: GroupID, to name: String) throws {
        try db.execute("UPDATE userGroup SET name = $1 WHERE id = $2", [name, id])
    }

    func delete(_ id: GroupID) throws {
        try db.execute("DELETE FROM userGroup WHERE id = $1", [id])
    }

    func members(of group: GroupID) throws -> [UserID] {
        let result = try db.execute("SELECT userId FROM userGroupMember WHERE groupId = $1 ORDER BY userId", [group])
        return (0..<result.count).compactMap { result.int64($0, 0).map(UserID.init(rawValue:)) }
    }

    func addMember(_ user: UserID, to group: GroupID) throws -> Bool {
        try db.execute("INSERT INTO userGroupMember (groupId, userId) VALUES ($1, $2) ON CONFLICT DO NOTHING", [group, user]).affectedRows > 0
    }

    func removeMember(_ user: UserID, from group: GroupID) throws -> Bool {
        try db.execute("DELETE FROM userGroupMember WHERE groupId = $1 AND userId = $2", [group, user]).affectedRows > 0
    }

    func removeMember(_ user: UserID, fromGroupsOf org: OrgID) throws {
        try db.execute("DELETE FROM userGroupMember WHERE userId = $1 AND groupId IN (SELECT id FROM userGroup WHERE orgId = $2)", [user, org])
    }
}
