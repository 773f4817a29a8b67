import Foundation
import GRDB

extension Migrations {
    /// v5: sign-in failures counted per source address (one source can't lock out every
    /// administrator), and outbox messages that keep their reset token sealed with the key
    /// file instead of in the body, dropped once delivered. Tokens already sitting in clear in
    /// delivered messages are blanked: they were handed over, and a copy of the database must
    /// not carry live links.
    static func registerSecretsAtRest(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-source-throttle-sealed-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE signInSource (
                    source TEXT PRIMARY KEY,
                    failures INTEGER NOT NULL,
                    windowStart DATETIME NOT NULL,
                    blockedUntil DATETIME
                ) WITHOUT ROWID;
                ALTER TABLE outboxMessage ADD COLUMN sealedToken BLOB;
                """)
            let rows = try Row.fetchAll(db, sql: "SELECT id, body FROM outboxMessage WHERE status != 'queued' AND body LIKE '%rsr_%'")
            for row in rows {
                let body: String = row["body"]
                try db.execute(sql: "UPDATE outboxMessage SET body = ? WHERE id = ?",
                               arguments: [OutboxToken.redacted(body), row["id"] as Int64])
            }
        }
    }
}
