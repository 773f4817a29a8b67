import Foundation
import GRDB

/// `OutboxStore` over SQLite.
struct SQLiteOutboxStore: OutboxStore {
    let db: Database

    func enqueue(_ message: OutboxMessage) throws -> OutboxMessage {
        var copy = message
        try copy.insert(db)
        return copy
    }

    func find(_ id: Int64) throws -> OutboxMessage? {
        try OutboxMessage.fetchOne(db, key: id)
    }

    func due(at now: Date, limit: Int) throws -> [OutboxMessage] {
        try OutboxMessage.fetchAll(db, sql: """
            SELECT * FROM outboxMessage WHERE status = 'queued' AND nextAttemptAt <= ? ORDER BY id LIMIT ?
            """, arguments: [now, limit])
    }

    func dropTokens(olderThan date: Date) throws {
        try db.execute(sql: "UPDATE outboxMessage SET sealedToken = NULL WHERE sealedToken IS NOT NULL AND createdAt < ?", arguments: [date])
    }

    func update(_ message: OutboxMessage) throws {
        try message.update(db)
    }

    func recent(limit: Int) throws -> [OutboxMessage] {
        try OutboxMessage.fetchAll(db, sql: "SELECT * FROM outboxMessage ORDER BY id DESC LIMIT ?", arguments: [limit])
    }
}
