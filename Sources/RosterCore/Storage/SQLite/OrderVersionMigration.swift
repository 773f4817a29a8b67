import GRDB

extension Migrations {
    /// v15: `userOrderVersion` becomes a random number drawn at every change rather than a
    /// counter, because the name order is now saved in a file beside the database
    /// (NameOrderFile) and trusted at its version: two histories of one file (a backup
    /// restored, then changed as often as the file it replaced) must not reach the same
    /// version with different names. It now also moves when a user's search text changes by any
    /// path (it holds the email, which a filter matches too): remembered counts and kept hits
    /// are trusted at their version.
    static func registerOrderVersion(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v15-random-order-version") { db in
            try db.execute(sql: """
                DROP TRIGGER user_order_insert;
                DROP TRIGGER user_order_delete;
                DROP TRIGGER user_order_rename;
                UPDATE userOrderVersion SET version = random();
                CREATE TRIGGER user_order_insert AFTER INSERT ON user BEGIN
                    UPDATE userOrderVersion SET version = random();
                END;
                CREATE TRIGGER user_order_delete AFTER DELETE ON user BEGIN
                    UPDATE userOrderVersion SET version = random();
                END;
                CREATE TRIGGER user_order_change AFTER UPDATE OF firstName, lastName, searchText ON user
                WHEN old.firstName IS NOT new.firstName OR old.lastName IS NOT new.lastName
                     OR old.searchText IS NOT new.searchText BEGIN
                    UPDATE userOrderVersion SET version = random();
                END;
                """)
        }
    }
}
