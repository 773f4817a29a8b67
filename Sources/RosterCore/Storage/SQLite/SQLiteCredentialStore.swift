import Foundation
import GRDB

/// `CredentialStore` over SQLite.
struct SQLiteCredentialStore: CredentialStore {
    let db: Database

    func totp(for user: UserID) throws -> TOTPCredential? {
        try TOTPCredential.fetchOne(db, where: "userId", is: user.rawValue)
    }

    func saveTOTP(_ credential: TOTPCredential) throws {
        try credential.save(db)
    }

    func deleteTOTP(for user: UserID) throws {
        try db.execute(sql: "DELETE FROM totpCredential WHERE userId = ?", arguments: [user])
    }

    func recoveryCodes(for user: UserID) throws -> [RecoveryCode] {
        try RecoveryCode.fetchAll(db, sql: "SELECT * FROM recoveryCode WHERE userId = ? ORDER BY id", arguments: [user])
    }

    func replaceRecoveryCodes(for user: UserID, hashes: [String], at: Date) throws {
        _ = try deleteRecoveryCodes(for: user)
        for hash in hashes {
            var code = RecoveryCode(id: nil, userId: user, codeHash: hash, createdAt: at, usedAt: nil)
            try code.insert(db)
        }
    }

    func markRecoveryCodeUsed(_ id: Int64, at: Date) throws {
        try db.execute(sql: "UPDATE recoveryCode SET usedAt = ? WHERE id = ?", arguments: [at.stored, id])
    }

    func deleteRecoveryCodes(for user: UserID) throws -> Int {
        try db.execute(sql: "DELETE FROM recoveryCode WHERE userId = ?", arguments: [user])
        return db.changesCount
    }

    /// A cached statement rather than the record's insert (which builds its SQL each time):
    /// an import queues a link for every new user.
    func insertReset(_ reset: PasswordReset) throws -> PasswordReset {
        try db.cachedStatement(sql: """
            INSERT INTO passwordReset (userId, tokenHash, purpose, createdAt, createdBy, expiresAt, usedAt, cancelledAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [reset.userId, reset.tokenHash, reset.purpose.rawValue, StoredDate(reset.createdAt), reset.createdBy,
                                     StoredDate(reset.expiresAt), reset.usedAt.map(StoredDate.init), reset.cancelledAt.map(StoredDate.init)])
        var copy = reset
        copy.id = db.lastInsertedRowID
        return copy
    }

    func reset(tokenHash: String) throws -> PasswordReset? {
        try PasswordReset.fetchOne(db, where: "tokenHash", is: tokenHash)
    }

    func reset(_ id: Int64) throws -> PasswordReset? {
        try PasswordReset.fetchOne(db, is: id)
    }

    func pendingResets(for user: UserID?, at now: Date) throws -> [PasswordReset] {
        var sql = "SELECT * FROM passwordReset WHERE usedAt IS NULL AND cancelledAt IS NULL AND expiresAt > ?"
        var arguments: StatementArguments = [now.stored]
        if let user {
            sql += " AND userId = ?"
            arguments += [user]
        }
        return try PasswordReset.fetchAll(db, sql: sql + " ORDER BY createdAt DESC LIMIT 500", arguments: arguments)
    }

    func updateReset(_ reset: PasswordReset) throws {
        try reset.update(db)
    }

    func cancelPendingResets(for user: UserID, at now: Date) throws -> Int {
        try db.execute(sql: """
            UPDATE passwordReset SET cancelledAt = ? WHERE userId = ? AND usedAt IS NULL AND cancelledAt IS NULL AND expiresAt > ?
            """, arguments: [now.stored, user, now.stored])
        return db.changesCount
    }

    func insertAPIKey(_ key: APIKey) throws -> APIKey {
        var copy = key
        try copy.insert(db)
        return copy
    }

    func apiKey(prefix: String) throws -> APIKey? {
        try APIKey.fetchOne(db, where: "prefix", is: prefix)
    }

    func apiKey(_ id: Int64) throws -> APIKey? {
        try APIKey.fetchOne(db, is: id)
    }

    func apiKeys(for user: UserID) throws -> [APIKey] {
        try APIKey.fetchAll(db, sql: "SELECT * FROM apiKey WHERE userId = ? ORDER BY createdAt DESC", arguments: [user])
    }

    func updateAPIKey(_ key: APIKey) throws {
        try key.update(db)
    }

    func revokeAPIKeys(for user: UserID, at now: Date) throws -> Int {
        try db.execute(sql: "UPDATE apiKey SET revokedAt = ? WHERE userId = ? AND revokedAt IS NULL", arguments: [now.stored, user])
        return db.changesCount
    }

    func countTOTPSecrets() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM totpCredential") ?? 0
    }

    func insertSSHKey(_ key: SSHKey) throws -> SSHKey {
        var copy = key
        try copy.insert(db)
        return copy
    }

    func sshKey(_ id: Int64) throws -> SSHKey? {
        try SSHKey.fetchOne(db, is: id)
    }

    func sshKey(fingerprint: String) throws -> SSHKey? {
        try SSHKey.fetchOne(db, where: "fingerprint", is: fingerprint)
    }

    func sshKeys(for user: UserID) throws -> [SSHKey] {
        try SSHKey.fetchAll(db, sql: "SELECT * FROM sshKey WHERE userId = ? ORDER BY id", arguments: [user])
    }

    func deleteSSHKey(_ id: Int64) throws {
        try db.execute(sql: "DELETE FROM sshKey WHERE id = ?", arguments: [id])
    }

    func deleteSSHKeys(for user: UserID) throws -> Int {
        try db.execute(sql: "DELETE FROM sshKey WHERE userId = ?", arguments: [user])
        return db.changesCount
    }

    func touchSSHKey(_ id: Int64, at: Date) throws {
        try db.execute(sql: "UPDATE sshKey SET lastUsedAt = ? WHERE id = ?", arguments: [at.stored, id])
    }
}
