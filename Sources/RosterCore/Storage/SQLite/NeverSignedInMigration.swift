import GRDB

extension Migrations {
    /// v10: users who never signed in, by creation. With `user_lastSignIn`, a count of the
    /// dormant reads two index ranges instead of every row (BENCHMARKS.md).
    static func registerNeverSignedIn(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10-never-signed-in") { db in
            try db.execute(sql: "CREATE INDEX user_neverSignedIn ON user(createdAt) WHERE lastSignInAt IS NULL")
        }
    }
}
