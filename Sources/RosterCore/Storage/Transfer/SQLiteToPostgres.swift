import Foundation
import GRDB

/// What `roster migrate-to` did.
public struct TransferReport: Sendable, Equatable {
    /// Rows copied, per table, in copy order.
    public var rows: [(table: String, count: Int)]
    /// Audit rows verified in the source before, and in the target after.
    public var auditRows: Int

    public static func == (lhs: TransferReport, rhs: TransferReport) -> Bool {
        lhs.auditRows == rhs.auditRows && lhs.rows.map(\.table) == rhs.rows.map(\.table) && lhs.rows.map(\.count) == rhs.rows.map(\.count)
    }
}

/// Copies an SQLite database into an empty PostgreSQL database: schema, rows (COPY), identity
/// counters, the key's check value and one audit row saying so, in one transaction. The audit
/// chain is verified in the source first and in the target before the commit, so a trail that
/// doesn't hold is never carried over, and a copy that doesn't verify is never kept.
public enum SQLiteToPostgres {
    /// Tables in an order that satisfies their foreign keys, with the columns both schemas
    /// share (SQLite's generated `user.name` and the per-membership name copies stay behind).
    static let tables: [(source: String, target: String, columns: [String], identity: Bool)] = [
        ("user", "users", ["id", "email", "firstName", "lastName", "kind", "systemRole", "status", "lockedByAdmin", "lockedUntil",
                           "failedSignIns", "passwordHash", "passwordChangeRequired", "mfaEnrollmentRequired", "mfaEnabled",
                           "termsAcceptanceRequired", "termsAcceptedAt", "timeZone", "logOutAfterMinutes", "createdAt",
                           "lastSignInAt", "version", "searchText"], true),
        ("org", "org", ["id", "name", "locked", "mfaRequired", "standardUserLimit", "serviceUserLimit", "createdAt", "version",
                         "reviewIntervalDays", "lastReviewedAt"], true),
        ("membership", "membership", ["userId", "orgId", "role", "createdAt"], false),
        ("userGroup", "userGroup", ["id", "orgId", "name", "createdAt"], true),
        ("userGroupMember", "userGroupMember", ["groupId", "userId"], false),
        ("session", "session", ["id", "userId", "tokenHash", "createdAt", "lastSeenAt", "ip", "client", "endedAt", "endReason",
                                "sshKey", "authenticatedAt"], true),
        ("ipRule", "ipRule", ["id", "userId", "cidr", "createdAt"], true),
        ("signInSource", "signInSource", ["source", "failures", "windowStart", "blockedUntil"], false),
        ("setting", "setting", ["key", "value"], false),
        ("auditEntry", "auditEntry", ["id", "at", "actorId", "actor", "actorIP", "action", "targetId", "target", "orgId", "org",
                                      "outcome", "details", "previousHash", "hash", "chain"], false),
        ("totpCredential", "totpCredential", ["userId", "sealedSecret", "algorithm", "digits", "period", "createdAt", "confirmedAt",
                                              "lastUsedStep"], false),
        ("recoveryCode", "recoveryCode", ["id", "userId", "codeHash", "createdAt", "usedAt"], true),
        ("passwordReset", "passwordReset", ["id", "userId", "tokenHash", "purpose", "createdAt", "createdBy", "expiresAt", "usedAt",
                                            "cancelledAt"], true),
        ("outboxMessage", "outboxMessage", ["id", "createdAt", "recipient", "subject", "body", "status", "attempts", "lastAttemptAt",
                                            "nextAttemptAt", "lastError", "sentAt", "sealedToken"], true),
        ("apiKey", "apiKey", ["id", "userId", "name", "prefix", "secretHash", "scope", "createdAt", "createdBy", "expiresAt",
                              "lastUsedAt", "revokedAt"], true),
        ("sshKey", "sshKey", ["id", "userId", "fingerprint", "type", "bits", "publicKey", "comment", "createdAt", "createdBy",
                              "lastUsedAt"], true),
        ("avatar", "avatar", ["userId", "format", "width", "height", "image", "previewWidth", "previewHeight", "preview", "setAt",
                              "setBy"], false),
        ("elevation", "elevation", ["id", "userId", "systemRole", "orgId", "reason", "grantedAt", "grantedBy", "endsAt",
                                    "closedAt", "endedBy"], true),
        ("approvalRequest", "approvalRequest", ["id", "action", "kind", "summary", "requesterId", "requestedBy", "createdAt", "expiresAt",
                                                "state", "decidedBy", "decidedAt", "outcome"], true),
        ("accessReview", "accessReview", ["id", "orgId", "orgName", "startedBy", "startedAt", "submittedBy", "submittedAt"], true),
        ("accessReviewItem", "accessReviewItem", ["id", "reviewId", "userId", "email", "name", "orgRole", "systemRole", "lastSignInAt",
                                                  "mfaEnabled", "apiKeys", "sshKeys", "groupNames", "decision", "decidedBy", "decidedAt"], true),
    ]

    /// Copies `source` into the empty database at `target`. `secrets` is the source's key
    /// file, which the target's hosts must then use. `by` names who ran it in the audit row.
    public static func copy(from source: AppDatabase, to target: PostgresAddress,
                            secrets: @escaping @Sendable () throws -> SecretBox, by actor: Actor, at now: Date,
                            progress: (String, Int) -> Void = { _, _ in }) throws -> TransferReport {
        let sourceStores = SQLiteStores(database: source, secrets: secrets)
        let box = try secrets()
        let before = try sourceStores.read { tx in try tx.audit.verify(head: nil) }
        guard case .intact(let auditRows) = before else {
            if case .broken(let row, let reason, _) = before {
                throw RosterError.database(.auditTrailBroken(row: row, reason: "\(reason) (in the SQLite database; nothing was copied)"))
            }
            return TransferReport(rows: [], auditRows: 0)
        }
        let stores = PostgresStores(pool: PGPool(address: target), secrets: secrets)
        return try stores.mapErrors {
            try stores.pool.withConnection { connection in
                try connection.execute("BEGIN")
                do {
                    let report = try copy(source, into: connection, address: target, box: box, auditRows: auditRows,
                                          stores: stores, actor: actor, now: now, progress: progress)
                    try connection.commit()
                    return report
                } catch {
                    _ = try? connection.execute("ROLLBACK")
                    throw error
                }
            }
        }
    }

    private static func copy(_ source: AppDatabase, into connection: PGConnection, address: PostgresAddress, box: SecretBox,
                             auditRows: Int, stores: PostgresStores, actor: Actor, now: Date,
                             progress: (String, Int) -> Void) throws -> TransferReport {
        let migrator = PostgresMigrator(connection: connection, address: address)
        guard try migrator.isEmpty() else {
            throw RosterError.database(.notOnThisBackend(
                "\(address.text) is not empty; migrate-to copies into an empty database only (create one with createdb). Nothing was copied."))
        }
        try migrator.applyPending(create: true)
        try connection.execute("SELECT pg_advisory_xact_lock($1)", [PostgresStores.writeLock])
        var counts: [(String, Int)] = []
        var used: [String: Int64] = [:]
        // One read transaction: every table as of the same instant. Users' short strings are
        // counted once at the end, in memory (PostgresSearchGrams.deferred), not by the triggers'
        // SQL, which would take a minute or more for a million.
        try PostgresSearchGrams.deferred(connection) { try source.read { db in
            for table in tables {
                let count = try copyTable(table, from: db, into: connection)
                counts.append((table.target, count))
                progress(table.target, count)
            }
            // SQLite's AUTOINCREMENT never gives an id twice, even a deleted row's: audit rows
            // still name deleted users and orgs by id, and a new account must not inherit them.
            for row in try Row.fetchAll(db, sql: "SELECT name, seq FROM sqlite_sequence") {
                if let name = row["name"] as String?, let seq = row["seq"] as Int64? { used[name] = seq }
            }
        } }
        for table in tables where table.identity {
            try connection.execute("""
                SELECT setval(pg_get_serial_sequence('\(table.target)', 'id'),
                    greatest(coalesce((SELECT max(id) FROM \(table.target)), 0), $1) + 1, false)
                """, [used[table.source] ?? 0])
        }
        try connection.execute("INSERT INTO keyCheck (id, value) VALUES (1, $1)", [box.checkValue])
        let transaction = stores.transaction(connection)
        guard case .intact(let copied) = try transaction.audit.verify(head: nil), copied == auditRows else {
            throw RosterError.database(.other("the audit trail did not verify in \(address.text) after the copy; nothing was kept"))
        }
        let users = counts.first { $0.0 == "users" }?.1 ?? 0
        _ = try transaction.audit.append(AuditEvent(action: "database.migrate-to", details: [
            "target": address.text, "users": String(users), "auditRows": String(auditRows),
        ]), by: actor, at: now)
        return TransferReport(rows: counts, auditRows: auditRows)
    }

    /// One table through COPY, in chunks, each value turned into PostgreSQL's text form.
    private static func copyTable(_ table: (source: String, target: String, columns: [String], identity: Bool),
                                  from db: Database, into connection: PGConnection) throws -> Int {
        let columns = table.columns.joined(separator: ", ")
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \"\(table.source)\"")
        var count = 0
        try connection.copy("COPY \(table.target) (\(columns)) FROM STDIN") { send in
            var chunk = PGCopy()
            while let row = try cursor.next() {
                chunk.row((0..<table.columns.count).map { text(row[$0] as DatabaseValue) })
                count += 1
                if count % 10_000 == 0 {
                    try send(chunk.text)
                    chunk = PGCopy()
                }
            }
            try send(chunk.text)
        }
        return count
    }

    /// An SQLite value as PostgreSQL reads it: numbers as digits (booleans are 0 and 1, which
    /// PostgreSQL's boolean input takes), dates as GRDB's UTC text, blobs as `\x` hex.
    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let string): string
        case .blob(let data): "\\x" + data.hex
        }
    }
}
