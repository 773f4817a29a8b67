import Crypto
import Foundation

/// `AuditStore` over PostgreSQL. Appends run inside the caller's write transaction, which
/// holds the write lock every Roster host takes: one chain, never forked.
struct PostgresAuditStore: AuditStore {
    let db: PGConnection
    var chainKey: @Sendable () throws -> SymmetricKey
    /// The row this transaction appended last, trusted as the tip while it is still the newest.
    let written = WrittenTip()

    init(db: PGConnection, chainKey: @escaping @Sendable () throws -> SymmetricKey) {
        self.db = db
        self.chainKey = chainKey
    }

    static let columns = "id, at, actorId, actor, actorIP, action, targetId, target, orgId, org, outcome, details, previousHash, hash, chain"

    func append(_ event: AuditEvent, by actor: Actor, at: Date) throws -> AuditEntry {
        let key = try chainKey()
        var entry = AuditAppend.entry(for: event, by: actor, at: at)
        AuditAppend.link(&entry, after: try tip(key: key), key: key)
        try insert(entry)
        return entry
    }

    /// The events linked one after another from one read of the tip, written a thousand a
    /// statement.
    func append(_ events: [AuditEvent], by actor: Actor, at: Date) throws -> [AuditEntry] {
        guard !events.isEmpty else { return [] }
        let key = try chainKey()
        // Writing ahead (an import), the row this transaction wrote last is the tip: it holds
        // the write lock, and reading the tip back would wait for every write sent ahead.
        var previous = try db.isWritingAhead ? written.last ?? tip(key: key) : tip(key: key)
        let entries = events.map { event in
            var entry = AuditAppend.entry(for: event, by: actor, at: at)
            AuditAppend.link(&entry, after: previous, key: key)
            previous = (entry.id, entry.hash)
            return entry
        }
        try PGRecord.insert(entries, into: "auditEntry", on: db)
        written.last = previous
        return entries
    }

    /// Writes again, at the end of the chain, a row first written in a dry run that was rolled back.
    func reappend(_ entry: AuditEntry) throws {
        let key = try chainKey()
        var copy = entry
        copy.chain = AuditChain.currentVersion
        AuditAppend.link(&copy, after: try tip(key: key), key: key)
        try insert(copy)
    }

    private func insert(_ entry: AuditEntry) throws {
        _ = try PGRecord.insert(entry, into: "auditEntry", on: db)
        written.last = (entry.id, entry.hash)
    }

    private func tip(key: SymmetricKey) throws -> (id: Int64, hash: String)? {
        let newest = try db.execute("SELECT \(Self.columns) FROM auditEntry ORDER BY id DESC LIMIT 1")
        guard newest.count == 1 else { return nil }
        let id = newest.int64(0, "id") ?? -1
        if let last = written.last, last.id == id, newest.text(0, "hash") == last.hash { return last }
        let entry = try? PGRecord.decodeFirst(AuditEntry.self, from: newest)
        let checked = try AuditAppend.checkedTip(entry, id: id, key: key)
        return (checked.id, checked.hash)
    }

    func last() throws -> AuditEntry? {
        try PGRecord.decodeFirst(AuditEntry.self, from: db.execute("SELECT \(Self.columns) FROM auditEntry ORDER BY id DESC LIMIT 1"))
    }

    func recent(limit: Int, target: UserID?, visibleTo visibility: AuditVisibility) throws -> [AuditEntry] {
        try entries(AuditQuery(involving: target, limit: limit), visibleTo: visibility)
    }

    func entries(_ query: AuditQuery, visibleTo visibility: AuditVisibility) throws -> [AuditEntry] {
        var sql = PGQuery()
        if let user = query.involving {
            let mark = sql.bind(user)
            sql.require("(targetId = \(mark) OR actorId = \(mark))")
        }
        switch query.actor {
        case .user(let id, _): sql.require("actorId = \(sql.bind(id))")
        case .label(let label): sql.require("actor = \(sql.bind(label))")
        case nil: break
        }
        switch query.target {
        case .user(let id, let label): sql.require("(targetId = \(sql.bind(id)) OR (targetId IS NULL AND target = \(sql.bind(label))))")
        case .label(let label): sql.require("target = \(sql.bind(label))")
        case nil: break
        }
        if let action = query.action {
            if action.hasSuffix("*") || action.hasSuffix(".") {
                let prefix = action.hasSuffix("*") ? String(action.dropLast()) : action
                sql.require("left(action, \(sql.bind(prefix.count))) = \(sql.bind(prefix))")
            } else {
                sql.require("action = \(sql.bind(action))")
            }
        }
        if let outcome = query.outcome { sql.require("outcome = \(sql.bind(outcome.rawValue))") }
        if let org = query.org { sql.require("orgId = \(sql.bind(org))") }
        if let since = query.since { sql.require("at >= \(sql.bind(since))") }
        if let until = query.until { sql.require("at < \(sql.bind(until))") }
        if let before = query.before { sql.require("id < \(sql.bind(before))") }
        if case .scoped(let orgs, let user) = visibility {
            // The same rows a scoped reader gets from SQLite (see SQLiteAuditStore.entries).
            let me = sql.bind(user?.rawValue ?? -1)
            if orgs.isEmpty {
                sql.require("(targetId = \(me) OR (actorId = \(me) AND targetId IS NULL AND orgId IS NULL))")
            } else {
                let ids = sql.bind(PGIDArray(ids: orgs.map(\.rawValue)))
                sql.require("""
                    (targetId = \(me) OR orgId = ANY(\(ids)::bigint[])
                        OR (orgId IS NULL AND targetId IN (SELECT userId FROM membership WHERE orgId = ANY(\(ids)::bigint[])))
                        OR (actorId = \(me) AND targetId IS NULL AND (orgId IS NULL OR orgId = ANY(\(ids)::bigint[]))))
                    """)
            }
            sql.require("NOT (outcome = 'denied' AND strpos(details, '\"reason\":\"not-visible\"') > 0 AND coalesce(actorId, -1) != \(me))")
        }
        let limit = sql.bind(query.limit)
        let rows = try PGRecord.decode(AuditEntry.self, from: db.execute(
            "SELECT \(Self.columns) FROM auditEntry\(sql.whereClause) ORDER BY id DESC LIMIT \(limit)", sql.parameters))
        return AuditAppend.shown(rows, to: visibility)
    }

    func chainUpgrade() throws -> AuditEntry? {
        try PGRecord.decodeFirst(AuditEntry.self, from: db.execute(
            "SELECT \(Self.columns) FROM auditEntry WHERE action = $1 AND chain = $2 ORDER BY id LIMIT 1",
            [AuditChain.upgradeAction, AuditChain.currentVersion]))
    }

    /// Walks the trail in pages of rows by id, in constant memory.
    func verify(head: AuditHead?) throws -> AuditVerification {
        var page: [AuditRowRead] = []
        var position = 0
        var after: Int64 = 0
        return try AuditVerifier(key: chainKey).verify(head: head, rows: {
            if position == page.count {
                let result = try db.execute("SELECT \(Self.columns) FROM auditEntry WHERE id > $1 ORDER BY id LIMIT 5000", [after])
                page = (0..<result.count).map { row in
                    let id = result.int64(row, "id") ?? -1
                    let entry = try? PGRecord.decode(AuditEntry.self, from: result, row: row)
                    return AuditRowRead(id: id, entry: entry)
                }
                position = 0
                guard let last = page.last else { return nil }
                after = last.id
            }
            defer { position += 1 }
            return page[position]
        }, upgradedOldRows: { true })
    }
}
