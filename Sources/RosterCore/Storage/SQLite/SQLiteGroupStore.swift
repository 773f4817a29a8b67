import Foundation
import GRDB

/// `GroupStore` over SQLite.
struct SQLiteGroupStore: GroupStore {
    let db: Database

    func find(_ id: GroupID) throws -> UserGroup? {
        try UserGroup.fetchOne(db, is: id.rawValue)
    }

    func find(name: String, in org: OrgID) throws -> UserGroup? {
        try UserGroup.fetchOne(db, sql: "SELECT * FROM userGroup WHERE orgId = ? AND name = ? COLLATE NOCASE",
                               arguments: [org, name])
    }

    func all(in org: OrgID?) throws -> [UserGroup] {
        if let org {
            return try UserGroup.fetchAll(db, sql: "SELECT * FROM userGroup WHERE orgId = ? ORDER BY name", arguments: [org])
        }
        return try UserGroup.fetchAll(db, sql: "SELECT * FROM userGroup ORDER BY orgId, name")
    }

    func insert(name: String, org: OrgID, at: Date) throws -> UserGroup {
        if try find(name: name, in: org) != nil { throw RosterError.duplicateGroupName(name) }
        try db.execute(sql: "INSERT INTO userGroup (orgId, name, createdAt) VALUES (?, ?, ?)", arguments: [org, name, at.stored])
        return UserGroup(id: GroupID(rawValue: db.lastInsertedRowID), orgId: org, name: name, createdAt: at)
    }

    func rename(_ id: GroupID, to name: String) throws {
        try db.execute(sql: "UPDATE userGroup SET name = ? WHERE id = ?", arguments: [name, id])
    }

    func delete(_ id: GroupID) throws {
        try db.execute(sql: "DELETE FROM userGroup WHERE id = ?", arguments: [id])
    }

    func members(of group: GroupID) throws -> [UserID] {
        try UserID.fetchAll(db, sql: "SELECT userId FROM userGroupMember WHERE groupId = ? ORDER BY userId", arguments: [group])
    }

    func addMember(_ user: UserID, to group: GroupID) throws -> Bool {
        try db.execute(sql: "INSERT OR IGNORE INTO userGroupMember (groupId, userId) VALUES (?, ?)", arguments: [group, user])
        return db.changesCount > 0
    }

    func removeMember(_ user: UserID, from group: GroupID) throws -> Bool {
        try db.execute(sql: "DELETE FROM userGroupMember WHERE groupId = ? AND userId = ?", arguments: [group, user])
        return db.changesCount > 0
    }

    func removeMember(_ user: UserID, fromGroupsOf org: OrgID) throws {
        try db.execute(sql: """
            DELETE FROM userGroupMember WHERE userId = ? AND groupId IN (SELECT id FROM userGroup WHERE orgId = ?)
            """, arguments: [user, org])
    }
}
