import GRDB

extension Migrations {
    /// v18: each user row carries the ids of its orgs (`orgIds`, comma-separated), kept by
    /// triggers, and a page of the users table names them from one read of the page's orgs
    /// (`UserListingSQL.rows`). Looked up per row, the org names were a lookup in the
    /// membership table and one in org, plus a sort, for each of the page's users; in any
    /// order but id's a page's users lie all over both tables, and at a million users that was
    /// 5-6 ms of a 1,000-row page's 11-12.
    ///
    /// Ids, not names: renaming an org then changes no user row (with names, renaming an org
    /// of 52,000 members rewrote each of their rows, 1.1 s holding the write lock). The
    /// triggers cover every way a user's orgs change: a membership added, removed (by cascade
    /// from a deleted org or user too) or moved. A role change (the membership upsert's
    /// UPDATE) leaves them alone.
    static func registerUserOrgIDs(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v18-user-org-ids") { db in
            try db.execute(sql: """
                ALTER TABLE user ADD COLUMN orgIds TEXT NOT NULL DEFAULT '';
                UPDATE user SET orgIds = \(orgIDs(of: "user.id")) WHERE id IN (SELECT userId FROM membership);

                CREATE TRIGGER user_orgIds_join AFTER INSERT ON membership BEGIN
                    UPDATE user SET orgIds = \(orgIDs(of: "new.userId")) WHERE id = new.userId;
                END;
                CREATE TRIGGER user_orgIds_leave AFTER DELETE ON membership BEGIN
                    UPDATE user SET orgIds = \(orgIDs(of: "old.userId")) WHERE id = old.userId;
                END;
                CREATE TRIGGER user_orgIds_move AFTER UPDATE OF userId, orgId ON membership BEGIN
                    UPDATE user SET orgIds = \(orgIDs(of: "old.userId")) WHERE id = old.userId;
                    UPDATE user SET orgIds = \(orgIDs(of: "new.userId")) WHERE id = new.userId;
                END;
                """)
        }
    }

    /// The org ids of the user whose id is `user`, comma-separated; '' for none. Written out
    /// here, not shared, so this migration stays what it was.
    private static func orgIDs(of user: String) -> String {
        "coalesce((SELECT group_concat(orgId, ',') FROM membership WHERE userId = \(user)), '')"
    }
}
