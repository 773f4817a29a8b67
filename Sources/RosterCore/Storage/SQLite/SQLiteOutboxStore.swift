import Foundation
import GRDB

/// `OutboxStore` over SQLite.
struct SQLiteOutboxStore: OutboxStore {
    let db: Database

    /// A cached statement rather than the record's insert: an import queues one per new user.
    func enqueue(_ message: OutboxMessage) throws -> OutboxMessage {
        try db.cachedStatement(sql: """
            INSERT INTO outboxMessage (createdAt, recipient, subject, body, status, attempts, lastAttemptAt, nextAttemptAt,
                lastError, sentAt, sealedToken)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [StoredDate(message.createdAt), message.recipient, message.subject, message.body, message.status.rawValue,
                                     message.attempts, message.lastAttemptAt.map(StoredDate.init), StoredDate(message.nextAttemptAt), message.lastError,
                                     message.sentAt.map(StoredDate.init), message.sealedToken])
        var copy = message
        copy.id = db.lastInsertedRowID
        return copy
    }

    func find(_ id: Int64) throws -> OutboxMessage? {
        try OutboxMessage.fetchOne(db, is: id)
    }

    func due(at now: Date, limit: Int) throws -> [OutboxMessage] {
        try OutboxMessage.fetchAll(db, sql: """
            SELECT * FROM outboxMessage WHERE status = 'queued' AND nextAttemptAt <= ? ORDER BY id LIMIT ?
            """, arguments: [now.stored, limit])
    }

    func dropTokens(olderThan date: Date) throws {
        try db.execute(sql: "UPDATE outboxMessage SET sealedToken = NULL WHERE sealedToken IS NOT NULL AND createdAt < ?", arguments: [date.stored])
    }

    func update(_ message: OutboxMessage) throws {
        try message.update(db)
    }

    func recent(limit: Int) throws -> [OutboxMessage] {
        try OutboxMessage.fetchAll(db, sql: "SELECT * FROM outboxMessage ORDER BY id DESC LIMIT ?", arguments: [limit])
    }
}
