import Foundation

/// `SessionStore` over PostgreSQL.
struct PostgresSessionStore: SessionStore {
    let db: PGConnection

    static let columns = "id, userId, tokenHash, createdAt, lastSeenAt, ip, client, endedAt, endReason, sshKey, authenticatedAt"

    func insert(user: UserID, tokenHash: String, at: Date, ip: String?, client: String?, sshKey: String?) throws -> Session {
        let id = try db.execute("""
            INSERT INTO session (userId, tokenHash, createdAt, lastSeenAt, ip, client, sshKey, authenticatedAt)
            VALUES ($1, $2, $3, $3, $4, $5, $6, $3) RETURNING id
            """, [user, tokenHash, at, ip, client, sshKey]).int64(0, 0) ?? 0
        return Session(id: SessionID(rawValue: id), userId: user, tokenHash: tokenHash, createdAt: at, lastSeenAt: at, ip: ip,
                       client: client, endedAt: nil, endReason: nil, sshKey: sshKey, authenticatedAt: at)
    }

    func reauthenticated(_ id: SessionID, at: Date) throws {
        try db.execute("UPDATE session SET authenticatedAt = $1 WHERE id = $2", [at, id])
    }

    func find(tokenHash: String) throws -> Session? {
        try PGRecord.decodeFirst(Session.self, from: db.execute("SELECT \(Self.columns) FROM session WHERE tokenHash = $1", [tokenHash]))
    }

    func find(_ id: SessionID) throws -> Session? {
        try PGRecord.decodeFirst(Session.self, from: db.execute("SELECT \(Self.columns) FROM session WHERE id = $1", [id]))
    }

    func active(for user: UserID) throws -> [Session] {
        try PGRecord.decode(Session.self, from: db.execute(
            "SELECT \(Self.columns) FROM session WHERE userId = $1 AND endedAt IS NULL ORDER BY lastSeenAt DESC", [user]))
    }

    func touch(_ id: SessionID, at: Date) throws {
        try db.execute("UPDATE session SET lastSeenAt = $1 WHERE id = $2", [at, id])
    }

    func end(_ id: SessionID, at: Date, reason: String) throws {
        try db.execute("UPDATE session SET endedAt = $1, endReason = $2 WHERE id = $3 AND endedAt IS NULL", [at, reason, id])
    }

    func endAll(for user: UserID, at: Date, reason: String) throws -> Int {
        try db.execute("UPDATE session SET endedAt = $1, endReason = $2 WHERE userId = $3 AND endedAt IS NULL", [at, reason, user]).affectedRows
    }

    func endAll(signedInWith sshKey: String, at: Date, reason: String) throws -> Int {
        try db.execute("UPDATE session SET endedAt = $1, endReason = $2 WHERE sshKey = $3 AND endedAt IS NULL", [at, reason, sshKey]).affectedRows
    }

    func addIPRule(_ cidr: String, for user: UserID, at: Date) throws -> IPRule {
        let id = try db.execute("INSERT INTO ipRule (userId, cidr, createdAt) VALUES ($1, $2, $3) RETURNING id", [user, cidr, at]).int64(0, 0) ?? 0
        return IPRule(id: id, userId: user, cidr: cidr, createdAt: at)
    }

    func ipRules(for user: UserID) throws -> [IPRule] {
        try PGRecord.decode(IPRule.self, from: db.execute("SELECT id, userId, cidr, createdAt FROM ipRule WHERE userId = $1 ORDER BY id", [user]))
    }

    func signInSource(_ source: String) throws -> SignInSource? {
        try PGRecord.decodeFirst(SignInSource.self, from: db.execute(
            "SELECT source, failures, windowStart, blockedUntil FROM signInSource WHERE source = $1", [source]))
    }

    func saveSignInSource(_ source: SignInSource) throws {
        try db.execute("""
            INSERT INTO signInSource (source, failures, windowStart, blockedUntil) VALUES ($1, $2, $3, $4)
            ON CONFLICT (source) DO UPDATE SET failures = excluded.failures, windowStart = excluded.windowStart,
                blockedUntil = excluded.blockedUntil
            """, [source.source, source.failures, source.windowStart, source.blockedUntil])
    }

    func removeIPRule(_ id: Int64, of user: UserID) throws -> Bool {
        try db.execute("DELETE FROM ipRule WHERE id = $1 AND userId = $2", [id, user]).affectedRows > 0
    }

    func removeIPRules(for user: UserID) throws -> Int {
        try db.execute("DELETE FROM ipRule WHERE userId = $1", [user]).affectedRows
    }
}
