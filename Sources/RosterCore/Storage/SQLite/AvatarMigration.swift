import GRDB

extension Migrations {
    /// v9: one avatar per account, its bytes and a small preview made when it was set.
    static func registerAvatars(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9-avatars") { db in
            try db.execute(sql: """
                CREATE TABLE avatar (
                    userId INTEGER PRIMARY KEY REFERENCES user(id) ON DELETE CASCADE,
                    format TEXT NOT NULL CHECK (format IN ('png', 'jpeg')),
                    width INTEGER NOT NULL,
                    height INTEGER NOT NULL,
                    image BLOB NOT NULL CHECK (length(image) < 512000),
                    previewWidth INTEGER NOT NULL,
                    previewHeight INTEGER NOT NULL,
                    preview BLOB NOT NULL,
                    setAt DATETIME NOT NULL,
                    setBy TEXT NOT NULL
                )
                """)
        }
    }
}
