import Crypto
import Foundation
import GRDB

/// `AuditStore` over SQLite. Appends run inside the caller's write transaction, so the row
/// commits or rolls back with the change it describes, and the chain can't fork.
struct SQLiteAuditStore: AuditStore {
    let db: Database
    /// The chain's HMAC key, derived from the key file; read only when a row is written or checked.
    var chainKey: @Sendable () throws -> SymmetricKey
    /// The row this transaction appended last: when it is still the newest, the next append
    /// trusts it without checking its MAC again (an import appends 100,000 rows in one transaction).
    let written = WrittenTip()

    init(db: Database, chainKey: @escaping @Sendable () throws -> SymmetricKey) {
        self.db = db
        self.chainKey = chainKey
    }

    /// Appends only to a sound keyed chain: the newest row must be keyed and carry its MAC
    /// (one HMAC, not a walk of the trail). A trail ending in old, unkeyed rows is never
    /// continued here: only the one-time upgrade migration may start the keyed chain after
    /// them, or someone able to edit the file could swap the whole trail for forged old rows
    /// and have the next write vouch for them.
    func append(_ event: AuditEvent, by actor: Actor, at: Date) throws -> AuditEntry {
        let key = try chainKey()
        var entry = AuditAppend.entry(for: event, by: actor, at: at)
        AuditAppend.link(&entry, after: try tip(key: key), key: key)
        try insert(entry)
        written.last = (entry.id, entry.hash)
        return entry
    }

    /// The row as `AuditEntry.encode(to:)` writes it, through one cached statement: every
    /// change appends a row, and GRDB's record insert builds its SQL each time (an import of
    /// 100,000 users spent a twentieth of its time there).
    private func insert(_ entry: AuditEntry) throws {
        try db.cachedStatement(sql: """
            INSERT INTO auditEntry (id, at, actorId, actor, actorIP, action, targetId, target, orgId, org, outcome, details,
                previousHash, hash, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                entry.id, StoredDate(entry.at), entry.actorId, entry.actor, entry.actorIP, entry.action, entry.targetId, entry.target,
                entry.orgId, entry.org, entry.outcome.rawValue, entry.details, entry.previousHash, entry.hash, entry.chain,
            ])
    }

    /// The newest row, checked (see `tip(_:key:)`), or taken on trust when it is the one this
    /// transaction wrote last, unchanged: same id, same hash, nothing after it.
    private func tip(key: SymmetricKey) throws -> (id: Int64, hash: String)? {
        if let last = written.last,
           let newest = try Row.fetchOne(try db.cachedStatement(sql: "SELECT id, hash FROM auditEntry ORDER BY id DESC LIMIT 1")),
           (newest["id"] as Int64?) == last.id, (newest["hash"] as String?) == last.hash {
            return last
        }
        return try Self.tip(db, key: key).map { ($0.id, $0.hash) }
    }

    /// Writes again, at the end of the chain, a row first written in a transaction that was
    /// rolled back (a dry run's refusal): who, what, when and why stay as they were.
    func reappend(_ entry: AuditEntry) throws {
        let key = try chainKey()
        var copy = entry
        copy.chain = AuditChain.currentVersion
        AuditAppend.link(&copy, after: try tip(key: key), key: key)
        try insert(copy)
        written.last = (copy.id, copy.hash)
    }

    /// The newest row, once it has shown it is a keyed row with a MAC that holds; nil for an
    /// empty trail. Anything else refuses the write with a sentence (the caller's whole
    /// transaction rolls back, so the change it describes is not made either).
    static func tip(_ db: Database, key: SymmetricKey) throws -> AuditEntry? {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM auditEntry ORDER BY id DESC LIMIT 1")) else {
            return nil
        }
        return try AuditAppend.checkedTip(Self.entry(row), id: (row["id"] as Int64?) ?? -1, key: key)
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
        if let since = query.since { add("at >= ?", [since.stored]) }
        if let until = query.until { add("at < ?", [until.stored]) }
        if let before = query.before { add("id < ?", [before]) }
        if case .scoped(let orgs, let user) = visibility {
            // Rows about the reader; rows about the orgs they administer; rows about their
            // orgs' members that name no other org; and their own attempts that name no user
            // and no other org. Nothing else, not even the reader's own attempts on someone
            // or some org they may not see: those rows name what asking must not reveal.
            let me = user?.rawValue ?? -1
            var scope = ["targetId = ?"]
            var scopeArguments: StatementArguments = [me]
            if orgs.isEmpty {
                scope.append("(actorId = ? AND targetId IS NULL AND orgId IS NULL)")
                scopeArguments += [me]
            } else {
                let marks = databaseQuestionMarks(count: orgs.count)
                let ids = StatementArguments(orgs.map(\.rawValue))
                scope.append("orgId IN (\(marks))")
                scope.append("(orgId IS NULL AND targetId IN (SELECT userId FROM membership WHERE orgId IN (\(marks))))")
                scope.append("(actorId = ? AND targetId IS NULL AND (orgId IS NULL OR orgId IN (\(marks))))")
                scopeArguments += ids
                scopeArguments += ids
                scopeArguments += [me]
                scopeArguments += ids
            }
            add("(" + scope.joined(separator: " OR ") + ")", scopeArguments)
            // Someone else's probe of what they may not see names them to people who may not
            // see them either: those rows are for readers of the whole trail.
            add("NOT (outcome = 'denied' AND instr(details, '\"reason\":\"not-visible\"') > 0 AND coalesce(actorId, -1) != ?)", [me])
        }
        arguments += [query.limit]
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let rows = try AuditEntry.fetchAll(db, sql: "SELECT \(Self.columns) FROM auditEntry\(whereClause) ORDER BY id DESC LIMIT ?", arguments: arguments)
        return AuditAppend.shown(rows, to: visibility)
    }

    func chainUpgrade() throws -> AuditEntry? {
        try AuditEntry.fetchOne(db, sql: "SELECT \(Self.columns) FROM auditEntry WHERE action = ? AND chain = ? ORDER BY id LIMIT 1",
                                arguments: [AuditChain.upgradeAction, AuditChain.currentVersion])
    }

    func verify(head: AuditHead?) throws -> AuditVerification {
        // Columns named, as the file has them: one from before migration v6 has no `chain`.
        let hasChain = try db.columns(in: "auditEntry").contains { $0.name == "chain" }
        let columns = "id, at, actorId, actor, actorIP, action, targetId, target, orgId, org, outcome, details, previousHash, hash"
            + (hasChain ? ", chain" : "")
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM auditEntry ORDER BY id")
        return try AuditVerifier(key: chainKey).verify(head: head, rows: {
            guard let row = try cursor.next() else { return nil }
            return AuditRowRead(id: (row["id"] as Int64?) ?? -1, entry: Self.entry(row))
        }, upgradedOldRows: {
            try db.tableExists("grdb_migrations")
                && (try Bool.fetchOne(db, sql: "SELECT 1 FROM grdb_migrations WHERE identifier = 'v11-audit-chain-start'") ?? false)
        })
    }

    /// The row's values, or nil when one isn't what its column should hold.
    static func entry(_ row: Row) -> AuditEntry? {
        guard let id = row["id"] as Int64?, let atText = row["at"] as String?, let at = StoredDate.fromDatabaseValue(atText.databaseValue)?.date,
              let actor = row["actor"] as String?, let action = row["action"] as String?,
              let outcome = (row["outcome"] as String?).flatMap(AuditOutcome.init(rawValue:)),
              let details = row["details"] as String?, let previousHash = row["previousHash"] as String?,
              let hash = row["hash"] as String?,
              // A file from before migration v6 has no chain column: all its rows are version 1.
              let chain = row.hasColumn("chain") ? row["chain"] as Int? : 1 else { return nil }
        return AuditEntry(
            id: id, at: at, actorId: (row["actorId"] as Int64?).map(UserID.init(rawValue:)), actor: actor,
            actorIP: row["actorIP"], action: action, targetId: (row["targetId"] as Int64?).map(UserID.init(rawValue:)),
            target: row["target"], orgId: (row["orgId"] as Int64?).map(OrgID.init(rawValue:)), org: row["org"],
            outcome: outcome, details: details, previousHash: previousHash, hash: hash, chain: chain)
    }
}

/// The id and hash of the row a transaction's audit store appended last (one transaction,
/// one thread: GRDB runs a transaction's statements on its connection's queue).
final class WrittenTip: @unchecked Sendable {
    var last: (id: Int64, hash: String)?
}
