import GRDB

extension Migrations {
    /// v18: each user row carries the names of its orgs, comma-separated in case-insensitive
    /// name order, kept by triggers. A page of the users table shows them for every row; read
    /// per row they were a lookup in the membership table and one in org, plus a sort, for each
    /// of the page's users. In any order but id's, a page's users lie all over both tables: at a
    /// million users that was 5-6 ms of a 1,000-row page's 11-12. From the row it is nothing.
    ///
    /// The triggers cover every way the names can change: a membership added or removed
    /// (removals by cascade from a deleted org or user fire them too), and an org renamed.
    /// A role change (the membership upsert's UPDATE) leaves the names alone.
    static func registerUserOrgNames(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v18-user-org-names") { db in
            try db.execute(sql: """
                ALTER TABLE user ADD COLUMN orgNames TEXT NOT NULL DEFAULT '';
                UPDATE user SET orgNames = \(orgNames(of: "user.id")) WHERE id IN (SELECT userId FROM membership);

                CREATE TRIGGER user_orgNames_join AFTER INSERT ON membership BEGIN
                    UPDATE user SET orgNames = \(orgNames(of: "new.userId")) WHERE id = new.userId;
                END;
                CREATE TRIGGER user_orgNames_leave AFTER DELETE ON membership BEGIN
                    UPDATE user SET orgNames = \(orgNames(of: "old.userId")) WHERE id = old.userId;
                END;
                CREATE TRIGGER user_orgNames_move AFTER UPDATE OF userId, orgId ON membership BEGIN
                    UPDATE user SET orgNames = \(orgNames(of: "old.userId")) WHERE id = old.userId;
                    UPDATE user SET orgNames = \(orgNames(of: "new.userId")) WHERE id = new.userId;
                END;
                CREATE TRIGGER user_orgNames_rename AFTER UPDATE OF name ON org WHEN old.name IS NOT new.name BEGIN
                    UPDATE user SET orgNames = \(orgNames(of: "user.id"))
                    WHERE id IN (SELECT userId FROM membership WHERE orgId = new.id);
                END;
                """)
        }
    }

    /// The org names of the user whose id is `user`, as the users table shows them; '' for none.
    /// Written out here, not shared with the listing, so this migration stays what it was.
    private static func orgNames(of user: String) -> String {
        """
        coalesce((SELECT group_concat(name, ', ') FROM (SELECT o.name FROM membership m JOIN org o ON o.id = m.orgId
            WHERE m.userId = \(user) ORDER BY o.name COLLATE NOCASE)), '')
        """
    }
}
