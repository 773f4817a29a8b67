import GRDB

extension Migrations {
    /// v6: audit rows say which chain they are in. Rows written so far stay in the SHA-256
    /// chain (version 1); the next row written starts the keyed chain with an
    /// `audit.chain-upgrade` row (see `SQLiteAuditStore.append`).
    static func registerKeyedAudit(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-keyed-audit-chain") { db in
            try db.execute(sql: "ALTER TABLE auditEntry ADD COLUMN chain INTEGER NOT NULL DEFAULT 1")
        }
    }
}
