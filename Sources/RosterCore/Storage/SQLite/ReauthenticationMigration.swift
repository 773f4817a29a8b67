import GRDB

extension Migrations {
    /// v8: when the person behind a session last proved it was them (sign-in, or `sudo`):
    /// sensitive actions ask again once it is older than `session.reauthenticate-minutes`.
    static func registerReauthentication(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-session-reauthentication") { db in
            try db.execute(sql: """
                ALTER TABLE session ADD COLUMN authenticatedAt DATETIME;
                UPDATE session SET authenticatedAt = createdAt;
                """)
        }
    }
}
