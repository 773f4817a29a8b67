import Foundation

/// `CredentialStore` over PostgreSQL.
struct PostgresCredentialStore: CredentialStore {
    let db: PGConnection

    static let totpColumns = "userId, sealedSecret, algorithm, digits, period, createdAt, confirmedAt, lastUsedStep"
    static let resetColumns = "id, userId, tokenHash, purpose, createdAt, createdBy, expiresAt, usedAt, cancelledAt"
    static let apiKeyColumns = "id, userId, name, prefix, secretHash, scope, createdAt, createdBy, expiresAt, lastUsedAt, revokedAt"
    static let sshKeyColumns = "id, userId, fingerprint, type, bits, publicKey, comment, createdAt, createdBy, lastUsedAt"

    func totp(for user: UserID) throws -> TOTPCredential? {
        try PGRecord.decodeFirst(TOTPCredential.self, from: db.execute("SELECT \(Self.totpColumns) FROM totpCredential WHERE userId = $1", [user]))
    }

    func saveTOTP(_ credential: TOTPCredential) throws {
        try db.execute("DELETE FROM totpCredential WHERE userId = $1", [credential.userId])
        _ = try PGRecord.insert(credential, into: "totpCredential", on: db)
    }

    func deleteTOTP(for user: UserID) throws {
        try db.execute("DELETE FROM totpCredential WHERE userId = $1", [user])
    }

    func recoveryCodes(for user: UserID) throws -> [RecoveryCode] {
        try PGRecord.decode(RecoveryCode.self, from: db.execute(
            "SELECT id, userId, codeHash, createdAt, usedAt FROM recoveryCode WHERE userId = $1 ORDER BY id", [user]))
    }

    func replaceRecoveryCodes(for user: UserID, hashes: [String], at: Date) throws {
        _ = try deleteRecoveryCodes(for: user)
        for hash in hashes {
            try db.execute("INSERT INTO recoveryCode (userId, codeHash, createdAt) VALUES ($1, $2, $3)", [user, hash, at])
        }
    }

    func markRecoveryCodeUsed(_ id: Int64, at: Date) throws {
        try db.execute("UPDATE recoveryCode SET usedAt = $1 WHERE id = $2", [at, id])
    }

    func deleteRecoveryCodes(for user: UserID) throws -> Int {
        try db.execute("DELETE FROM recoveryCode WHERE userId = $1", [user]).affectedRows
    }

    func insertReset(_ reset: PasswordReset) throws -> PasswordReset {
        var copy = reset
        copy.id = try PGRecord.insert(reset, into: "passwordReset", omitting: ["id"], on: db, returningID: true)
        return copy
    }

    func reset(tokenHash: String) throws -> PasswordReset? {
        try PGRecord.decodeFirst(PasswordReset.self, from: db.execute("SELECT \(Self.resetColumns) FROM passwordReset WHERE tokenHash = $1", [tokenHash]))
    }

    func reset(_ id: Int64) throws -> PasswordReset? {
        try PGRecord.decodeFirst(PasswordReset.self, from: db.execute("SELECT \(Self.resetColumns) FROM passwordReset WHERE id = $1", [id]))
    }

    func pendingResets(for user: UserID?, at now: Date) throws -> [PasswordReset] {
        var sql = "SELECT \(Self.resetColumns) FROM passwordReset WHERE usedAt IS NULL AND cancelledAt IS NULL AND expiresAt > $1"
        var parameters: [any PGParameter] = [now]
        if let user {
            sql += " AND userId = $2"
            parameters.append(user)
        }
        return try PGRecord.decode(PasswordReset.self, from: db.execute(sql + " ORDER BY createdAt DESC LIMIT 500", parameters))
    }

    func updateReset(_ reset: PasswordReset) throws {
        try PGRecord.update(reset, in: "passwordReset", key: "id", on: db)
    }

    func cancelPendingResets(for user: UserID, at now: Date) throws -> Int {
        try db.execute("""
            UPDATE passwordReset SET cancelledAt = $1 WHERE userId = $2 AND usedAt IS NULL AND cancelledAt IS NULL AND expiresAt > $1
            """, [now, user]).affectedRows
    }

    func insertAPIKey(_ key: APIKey) throws -> APIKey {
        var copy = key
        copy.id = try PGRecord.insert(key, into: "apiKey", omitting: ["id"], on: db, returningID: true)
        return copy
    }

    func apiKey(prefix: String) throws -> APIKey? {
        try PGRecord.decodeFirst(APIKey.self, from: db.execute("SELECT \(Self.apiKeyColumns) FROM apiKey WHERE prefix = $1", [prefix]))
    }

    func apiKey(_ id: Int64) throws -> APIKey? {
        try PGRecord.decodeFirst(APIKey.self, from: db.execute("SELECT \(Self.apiKeyColumns) FROM apiKey WHERE id = $1", [id]))
    }

    func apiKeys(for user: UserID) throws -> [APIKey] {
        try PGRecord.decode(APIKey.self, from: db.execute(
            "SELECT \(Self.apiKeyColumns) FROM apiKey WHERE userId = $1 ORDER BY createdAt DESC, id DESC", [user]))
    }

    func updateAPIKey(_ key: APIKey) throws {
        try PGRecord.update(key, in: "apiKey", key: "id", on: db)
    }

    func revokeAPIKeys(for user: UserID, at now: Date) throws -> Int {
        try db.execute("UPDATE apiKey SET revokedAt = $1 WHERE userId = $2 AND revokedAt IS NULL", [now, user]).affectedRows
    }

    func countTOTPSecrets() throws -> Int {
        try db.execute("SELECT count(*) FROM totpCredential").int(0, 0) ?? 0
    }

    func insertSSHKey(_ key: SSHKey) throws -> SSHKey {
        var copy = key
        copy.id = try PGRecord.insert(key, into: "sshKey", omitting: ["id"], on: db, returningID: true)
        return copy
    }

    func sshKey(_ id: Int64) throws -> SSHKey? {
        try PGRecord.decodeFirst(SSHKey.self, from: db.execute("SELECT \(Self.sshKeyColumns) FROM sshKey WHERE id = $1", [id]))
    }

    func sshKey(fingerprint: String) throws -> SSHKey? {
        try PGRecord.decodeFirst(SSHKey.self, from: db.execute("SELECT \(Self.sshKeyColumns) FROM sshKey WHERE fingerprint = $1", [fingerprint]))
    }

    func sshKeys(for user: UserID) throws -> [SSHKey] {
        try PGRecord.decode(SSHKey.self, from: db.execute("SELECT \(Self.sshKeyColumns) FROM sshKey WHERE userId = $1 ORDER BY id", [user]))
    }

    func deleteSSHKey(_ id: Int64) throws {
        try db.execute("DELETE FROM sshKey WHERE id = $1", [id])
    }

    func deleteSSHKeys(for user: UserID) throws -> Int {
        try db.execute("DELETE FROM sshKey WHERE userId = $1", [user]).affectedRows
    }

    func touchSSHKey(_ id: Int64, at: Date) throws {
        try db.execute("UPDATE sshKey SET lastUsedAt = $1 WHERE id = $2", [at, id])
    }
}
