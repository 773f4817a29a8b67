import Foundation
import GRDB

/// `AuditStore` over SQLite. Appends run inside the caller's write transaction, so the row
/// commits or rolls back with the change it describes, and the chain can't fork.
struct SQLiteAuditStore: AuditStore {
    let db: Database

    func append(_ event: AuditEvent, by actor: Actor, at: Date) throws -> AuditEntry {
        let previous = try Row.fetchOne(db, sql: "SELECT id, hash FROM auditEntry ORDER BY id DESC LIMIT 1")
        let previousId: Int64 = previous?["id"] ?? 0
        let previousHash: String = previous?["hash"] ?? AuditChain.genesis
        var entry = AuditEntry(
            id: previousId + 1,
            at: AuditChain.storedTime(at),
            actorId: actor.userId,
            actor: actor.label,
            actorIP: actor.ip,
            action: event.action,
            targetId: event.targetId,
            target: event.target,
            orgId: event.orgId,
            org: event.org,
            outcome: event.outcome,
            details: Self.json(event.details),
            previousHash: previousHash,
            hash: "")
        entry.hash = AuditChain.hash(of: entry, previousHash: previousHash)
        try entry.insert(db)
        return entry
    }

    func last() throws -> AuditEntry? {
        try AuditEntry.fetchOne(db, sql: "SELECT * FROM auditEntry ORDER BY id DESC LIMIT 1")
    }

    func recent(limit: Int, target: UserID?, visibleTo visibility: AuditVisibility) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let target {
            conditions.append("(targetId = ? OR actorId = ?)")
            arguments += [target, target]
        }
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
            conditions.append("(" + scope.joined(separator: " OR ") + ")")
            arguments += scopeArguments
        }
        arguments += [limit]
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try AuditEntry.fetchAll(db, sql: "SELECT * FROM auditEntry\(whereClause) ORDER BY id DESC LIMIT ?", arguments: arguments)
    }

    func verify() throws -> AuditVerification {
        // A cursor streams the rows: a million-row trail is checked in constant memory.
        let cursor = try AuditEntry.fetchCursor(db, sql: "SELECT * FROM auditEntry ORDER BY id")
        var expectedPrevious = AuditChain.genesis
        var checked = 0
        while let entry = try cursor.next() {
            if entry.previousHash != expectedPrevious {
                return .broken(rowId: entry.id, reason: "its link to the previous row does not match (a row was removed, inserted or edited before it)", rowsChecked: checked)
            }
            if AuditChain.hash(of: entry, previousHash: expectedPrevious) != entry.hash {
                return .broken(rowId: entry.id, reason: "its content does not match its hash (the row was edited)", rowsChecked: checked)
            }
            expectedPrevious = entry.hash
            checked += 1
        }
        return .intact(rows: checked)
    }

    static func json(_ details: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(details) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
