import Foundation
import GRDB

/// `ApprovalStore` over SQLite.
struct SQLiteApprovalStore: ApprovalStore {
    let db: Database

    func insert(_ draft: ApprovalRequest) throws -> ApprovalRequest {
        var copy = draft
        copy.id = nil
        try copy.insert(db)
        return copy
    }

    func find(_ id: ApprovalID) throws -> ApprovalRequest? {
        try ApprovalRequest.fetchOne(db, is: id.rawValue)
    }

    func list(openAt: Date?, limit: Int) throws -> [ApprovalRequest] {
        if let openAt {
            return try ApprovalRequest.fetchAll(db, sql: """
                SELECT * FROM approvalRequest WHERE state = 'pending' AND expiresAt > ? ORDER BY id DESC LIMIT ?
                """, arguments: [openAt.stored, limit])
        }
        return try ApprovalRequest.fetchAll(db, sql: "SELECT * FROM approvalRequest ORDER BY id DESC LIMIT ?", arguments: [limit])
    }

    func decide(_ id: ApprovalID, state: ApprovalRequest.State, by: String, at: Date, outcome: String) throws -> Bool {
        try db.execute(sql: """
            UPDATE approvalRequest SET state = ?, decidedBy = ?, decidedAt = ?, outcome = ? WHERE id = ? AND state = 'pending'
            """, arguments: [state.rawValue, by, at.stored, outcome, id])
        return db.changesCount == 1
    }

    func countOpen(at now: Date, notRequestedBy requester: UserID?) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM approvalRequest WHERE state = 'pending' AND expiresAt > ? AND requesterId IS NOT ?
            """, arguments: [now.stored, requester]) ?? 0
    }
}
