import GRDB

extension Migrations {
    /// v12: roles lent until a set time (`Elevation`). Open ones are found by user (every
    /// read of an actor) and by end time (recording the ends nobody saw).
    static func registerElevations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v12-elevations") { db in
            try db.execute(sql: """
                CREATE TABLE elevation (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    systemRole INTEGER,
                    orgId INTEGER REFERENCES org(id) ON DELETE CASCADE,
                    reason TEXT NOT NULL,
                    grantedAt DATETIME NOT NULL,
                    grantedBy TEXT NOT NULL,
                    endsAt DATETIME NOT NULL,
                    closedAt DATETIME,
                    endedBy TEXT,
                    CHECK ((systemRole IS NULL) <> (orgId IS NULL))
                );
                CREATE INDEX elevation_user ON elevation(userId);
                CREATE INDEX elevation_open ON elevation(endsAt) WHERE closedAt IS NULL;
                """)
        }
    }
}
