import Foundation
import GRDB

/// `SessionStore` over SQLite.
struct SQLiteSessionStore: SessionStore {
    let db: Database

    func insert(user: UserID, tokenHash: String, at: Date, ip: String?, client: String?, sshKey: String?) throws -> Session {
        try db.execute(sql: """
            INSERT INTO session (userId, tokenHash, createdAt, lastSeenAt, ip, client, sshKey, authenticatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [user, tokenHash, at.stored, at.stored, ip, client, sshKey, at.stored])
        return Session(id: SessionID(rawValue: db.lastInsertedRowID), userId: user, tokenHash: tokenHash,
                       createdAt: at, lastSeenAt: at, ip: ip, client: client, endedAt: nil, endReason: nil, sshKey: sshKey,
                       authenticatedAt: at)
    }

    func reauthenticated(_ id: SessionID, at: Date) throws {
        try db.execute(sql: "UPDATE session SET authenticatedAt = ? WHERE id = ?", arguments: [at.stored, id])
    }

    func find(tokenHash: String) throws -> Session? {
        try Session.fetchOne(db, where: "tokenHash", is: tokenHash)
    }

    func find(_ id: SessionID) throws -> Session? {
        try Session.fetchOne(db, is: id.rawValue)
    }

    func active(for user: UserID) throws -> [Session] {
        try Session.fetchAll(db, sql: """
            SELECT * FROM session WHERE userId = ? AND endedAt IS NULL ORDER BY lastSeenAt DESC
            """, arguments: [user])
    }

    func touch(_ id: SessionID, at: Date) throws {
        try db.execute(sql: "UPDATE session SET lastSeenAt = ? WHERE id = ?", arguments: [at.stored, id])
    }

    func end(_ id: SessionID, at: Date, reason: String) throws {
        try db.execute(sql: "UPDATE session SET endedAt = ?, endReason = ? WHERE id = ? AND endedAt IS NULL",
                       arguments: [at.stored, reason, id])
    }

    func endAll(for user: UserID, at: Date, reason: String) throws -> Int {
        try db.execute(sql: "UPDATE session SET endedAt = ?, endReason = ? WHERE userId = ? AND endedAt IS NULL",
                       arguments: [at.stored, reason, user])
        return db.changesCount
    }

    func endAll(signedInWith sshKey: String, at: Date, reason: String) throws -> Int {
        try db.execute(sql: "UPDATE session SET endedAt = ?, endReason = ? WHERE sshKey = ? AND endedAt IS NULL",
                       arguments: [at.stored, reason, sshKey])
        return db.changesCount
    }

    func addIPRule(_ cidr: String, for user: UserID, at: Date) throws -> IPRule {
        try db.execute(sql: "INSERT INTO ipRule (userId, cidr, createdAt) VALUES (?, ?, ?)", arguments: [user, cidr, at.stored])
        return IPRule(id: db.lastInsertedRowID, userId: user, cidr: cidr, createdAt: at)
    }

    func ipRules(for user: UserID) throws -> [IPRule] {
        try IPRule.fetchAll(db, sql: "SELECT * FROM ipRule WHERE userId = ? ORDER BY id", arguments: [user])
    }

    func signInSource(_ source: String) throws -> SignInSource? {
        try SignInSource.fetchOne(db, where: "source", is: source)
    }

    func saveSignInSource(_ source: SignInSource) throws {
        try source.save(db)
    }

    func removeIPRule(_ id: Int64, of user: UserID) throws -> Bool {
        try db.execute(sql: "DELETE FROM ipRule WHERE id = ? AND userId = ?", arguments: [id, user])
        return db.changesCount > 0
    }

    func removeIPRules(for user: UserID) throws -> Int {
        try db.execute(sql: "DELETE FROM ipRule WHERE userId = ?", arguments: [user])
        return db.changesCount
    }
}
