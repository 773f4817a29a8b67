import Foundation

/// `OutboxStore` over PostgreSQL.
struct PostgresOutboxStore: OutboxStore {
    let db: PGConnection

    static let columns = "id, createdAt, recipient, subject, body, status, attempts, lastAttemptAt, nextAttemptAt, lastError, sentAt, sealedToken"

    func enqueue(_ message: OutboxMessage) throws -> OutboxMessage {
        var copy = message
        copy.id = try PGRecord.insert(message, into: "outboxMessage", omitting: ["id"], on: db, returningID: true)
        return copy
    }

    func find(_ id: Int64) throws -> OutboxMessage? {
        try PGRecord.decodeFirst(OutboxMessage.self, from: db.execute("SELECT \(Self.columns) FROM outboxMessage WHERE id = $1", [id]))
    }

    func due(at now: Date, limit: Int) throws -> [OutboxMessage] {
        try PGRecord.decode(OutboxMessage.self, from: db.execute(
            "SELECT \(Self.columns) FROM outboxMessage WHERE status = 'queued' AND nextAttemptAt <= $1 ORDER BY id LIMIT $2", [now, limit]))
    }

    func dropTokens(olderThan date: Date) throws {
        try db.execute("UPDATE outboxMessage SET sealedToken = NULL WHERE sealedToken IS NOT NULL AND createdAt < $1", [date])
    }

    func update(_ message: OutboxMessage) throws {
        try PGRecord.update(message, in: "outboxMessage", key: "id", on: db)
    }

    func recent(limit: Int) throws -> [OutboxMessage] {
        try PGRecord.decode(OutboxMessage.self, from: db.execute("SELECT \(Self.columns) FROM outboxMessage ORDER BY id DESC LIMIT $1", [limit]))
    }
}
