import Foundation

/// `ApprovalStore` over PostgreSQL.
struct PostgresApprovalStore: ApprovalStore {
    let db: PGConnection

    static let columns = "id, action, kind, summary, requesterId, requestedBy, createdAt, expiresAt, state, decidedBy, decidedAt, outcome"

    func insert(_ draft: ApprovalRequest) throws -> ApprovalRequest {
        var copy = draft
        copy.id = try PGRecord.insert(draft, into: "approvalRequest", omitting: ["id"], on: db, returningID: true).map(ApprovalID.init)
        return copy
    }

    func find(_ id: ApprovalID) throws -> ApprovalRequest? {
        try PGRecord.decodeFirst(ApprovalRequest.self, from: db.execute("SELECT \(Self.columns) FROM approvalRequest WHERE id = $1", [id]))
    }

    func list(openAt: Date?, limit: Int) throws -> [ApprovalRequest] {
        if let openAt {
            return try PGRecord.decode(ApprovalRequest.self, from: db.execute("""
                SELECT \(Self.columns) FROM approvalRequest WHERE state = 'pending' AND expiresAt > $1 ORDER BY id DESC LIMIT $2
                """, [openAt, limit]))
        }
        return try PGRecord.decode(ApprovalRequest.self, from: db.execute(
            "SELECT \(Self.columns) FROM approvalRequest ORDER BY id DESC LIMIT $1", [limit]))
    }

    func decide(_ id: ApprovalID, state: ApprovalRequest.State, by: String, at: Date, outcome: String) throws -> Bool {
        try db.execute("""
            UPDATE approvalRequest SET state = $1, decidedBy = $2, decidedAt = $3, outcome = $4 WHERE id = $5 AND state = 'pending'
            """, [state.rawValue, by, at, outcome, id]).affectedRows == 1
    }

    func countOpen(at now: Date, notRequestedBy requester: UserID?) throws -> Int {
        Int(try db.execute("""
            SELECT COUNT(*) FROM approvalRequest WHERE state = 'pending' AND expiresAt > $1 AND requesterId IS DISTINCT FROM $2
            """, [now, requester]).int64(0, 0) ?? 0)
    }
}
