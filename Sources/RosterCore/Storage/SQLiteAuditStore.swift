import Crypto
import Foundation
import GRDB

/// `AuditStore` over SQLite. Appends run inside the caller's write transaction, so the row
/// commits or rolls back with the change it describes, and the chain can't fork.
struct SQLiteAuditStore: AuditStore {
    let db: Database
    /// The chain's HMAC key, derived from the key file; read only when a row is written or checked.
    var chainKey: @Sendable () throws -> SymmetricKey

    func append(_ event: AuditEvent, by actor: Actor, at: Date) throws -> AuditEntry {
        let key = try chainKey()
        let previous = try Row.fetchOne(try db.cachedStatement(sql: "SELECT id, hash, chain FROM auditEntry ORDER BY id DESC LIMIT 1"))
        // A damaged last row must stop writes with a sentence, not crash them.
        if let previous, (previous["id"] as Int64?) == nil || (previous["hash"] as String?) == nil || (previous["chain"] as Int?) == nil {
            throw RosterError.database(.other("the newest audit row is damaged; run `roster audit verify` and restore from a backup"))
        }
        if let previous, (previous["chain"] as Int? ?? 0) < AuditChain.currentVersion {
            // The first keyed row says so: the trail before it was written under the old chain.
            _ = try insert(AuditEvent(action: "audit.chain-upgrade", details: ["fromRow": String(previous["id"] as Int64), "chain": "hmac-sha256"]),
                           by: .system("audit"), at: at, after: previous, key: key)
            return try append(event, by: actor, at: at)
        }
        return try insert(event, by: actor, at: at, after: previous, key: key)
    }

    private func insert(_ event: AuditEvent, by actor: Actor, at: Date, after previous: Row?, key: SymmetricKey) throws -> AuditEntry {
        let previousHash: String = previous?["hash"] ?? AuditChain.genesis
        var details = event.details
        // What an SSH session does names the key it came in with, beside its address.
        if let key = actor.sshKey { details["sshKey"] = key }
        var entry = AuditEntry(
            id: (previous?["id"] ?? 0) + 1, at: AuditChain.storedTime(at), actorId: actor.userId, actor: actor.label,
            actorIP: actor.ip, action: event.action, targetId: event.targetId, target: event.target, orgId: event.orgId,
            org: event.org, outcome: event.outcome, details: Self.json(details), previousHash: previousHash, hash: "",
            chain: AuditChain.currentVersion)
        entry.hash = AuditChain.keyedHash(of: entry, previousHash: previousHash, key: key)
        try entry.insert(db)
        return entry
    }

    /// Writes again, at the end of the chain, a row first written in a transaction that was
    /// rolled back (a dry run's refusal): who, what, when and why stay as they were.
    func reappend(_ entry: AuditEntry) throws {
        let key = try chainKey()
        let previous = try Row.fetchOne(try db.cachedStatement(sql: "SELECT id, hash, chain FROM auditEntry ORDER BY id DESC LIMIT 1"))
        let previousHash: String = previous?["hash"] ?? AuditChain.genesis
        var copy = entry
        copy.id = (previous?["id"] ?? 0) + 1
        copy.previousHash = previousHash
        copy.chain = AuditChain.currentVersion
        copy.hash = AuditChain.keyedHash(of: copy, previousHash: previousHash, key: key)
        try copy.insert(db)
    }

    /// Named, not `*`: a statement prepared before a migration added a column must not
    /// decode rows with the old column list.
    static let columns = "id, at, actorId, actor, actorIP, action, targetId, target, orgId, org, outcome, details, previousHash, hash, chain"

    func last() throws -> AuditEntry? {
        try AuditEntry.fetchOne(db, sql: "SELECT \(Self.columns) FROM auditEntry ORDER BY id DESC LIMIT 1")
    }

    func recent(limit: Int, target: UserID?, visibleTo visibility: AuditVisibility) throws -> [AuditEntry] {
        try entries(AuditQuery(involving: target, limit: limit), visibleTo: visibility)
    }

    func entries(_ query: AuditQuery, visibleTo visibility: AuditVisibility) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments = StatementArguments()
        func add(_ condition: String, _ values: StatementArguments) {
            conditions.append(condition)
            arguments += values
        }
        if let user = query.involving { add("(targetId = ? OR actorId = ?)", [user, user]) }
        switch query.actor {
        case .user(let id, _): add("actorId = ?", [id])
        case .label(let label): add("actor = ?", [label])
        case nil: break
        }
        switch query.target {
        case .user(let id, let label): add("(targetId = ? OR (targetId IS NULL AND target = ?))", [id, label])
        case .label(let label): add("target = ?", [label])
        case nil: break
        }
        if let action = query.action {
            if action.hasSuffix("*") || action.hasSuffix(".") {
                let prefix = action.hasSuffix("*") ? String(action.dropLast()) : action
                // substr, not LIKE: an action holds no wildcards to escape this way.
                add("substr(action, 1, ?) = ?", [prefix.count, prefix])
            } else {
                add("action = ?", [action])
            }
        }
        if let outcome = query.outcome { add("outcome = ?", [outcome.rawValue]) }
        if let org = query.org { add("orgId = ?", [org]) }
        if let since = query.since { add("at >= ?", [since]) }
        if let until = query.until { add("at < ?", [until]) }
        if let before = query.before { add("id < ?", [before]) }
        if case .scoped(let orgs, let user) = visibility {
            // Org admins: rows about their orgs or their orgs' members; everyone: their own.
            var scope = ["actorId = ?", "targetId = ?"]
            var scopeArguments: StatementArguments = [user?.rawValue ?? -1, user?.rawValue ?? -1]
            if !orgs.isEmpty {
                let marks = databaseQuestionMarks(count: orgs.count)
                scope.append("orgId IN (\(marks))")
                scope.append("targetId IN (SELECT userId FROM membership WHERE orgId IN (\(marks)))")
                scopeArguments += StatementArguments(orgs.map(\.rawValue))
                scopeArguments += StatementArguments(orgs.map(\.rawValue))
            }
            add("(" + scope.joined(separator: " OR ") + ")", scopeArguments)
        }
        arguments += [query.limit]
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try AuditEntry.fetchAll(db, sql: "SELECT \(Self.columns) FROM auditEntry\(whereClause) ORDER BY id DESC LIMIT ?", arguments: arguments)
    }

    func verify(head: AuditHead?) throws -> AuditVerification {
        try AuditVerifier(key: chainKey).verify(db, head: head)
    }

    static func json(_ details: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(details) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
