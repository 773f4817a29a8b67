import GRDB

extension Migrations {
    /// v4: each membership carries its user's name and search text, indexed per org in name
    /// order, so an org admin's users table (the members of their orgs) reads a page, or
    /// filters ten thousand members, from one contiguous stretch of one index instead of
    /// looking up every member's row in a million-row table (see UserListingSQL `.orgMembers`).
    /// Also: TOTP rows can no longer hold a zero or negative period or digit count.
    static func registerMembershipOrder(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-membership-order") { db in
            try db.execute(sql: """
                ALTER TABLE membership ADD COLUMN userName TEXT NOT NULL DEFAULT '';
                ALTER TABLE membership ADD COLUMN userSearch TEXT NOT NULL DEFAULT '';
                UPDATE membership SET userName = (SELECT name FROM user WHERE user.id = membership.userId),
                    userSearch = (SELECT searchText FROM user WHERE user.id = membership.userId);
                CREATE INDEX membership_org_name ON membership(orgId, userName COLLATE NOCASE, userId, userSearch);

                -- A new membership copies its user's name; a renamed user's memberships follow.
                CREATE TRIGGER membership_name_insert AFTER INSERT ON membership WHEN new.userName = '' BEGIN
                    UPDATE membership SET userName = (SELECT name FROM user WHERE id = new.userId),
                        userSearch = (SELECT searchText FROM user WHERE id = new.userId)
                    WHERE userId = new.userId AND orgId = new.orgId;
                END;
                CREATE TRIGGER membership_name_update AFTER UPDATE OF firstName, lastName, searchText ON user
                WHEN old.firstName IS NOT new.firstName OR old.lastName IS NOT new.lastName OR old.searchText IS NOT new.searchText BEGIN
                    UPDATE membership SET userName = new.name, userSearch = new.searchText WHERE userId = new.id;
                END;

                CREATE TABLE totpCredential_checked (
                    userId INTEGER PRIMARY KEY REFERENCES user(id) ON DELETE CASCADE,
                    sealedSecret BLOB NOT NULL,
                    algorithm TEXT NOT NULL CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
                    digits INTEGER NOT NULL CHECK (digits BETWEEN 6 AND 8),
                    period INTEGER NOT NULL CHECK (period BETWEEN 15 AND 300),
                    createdAt DATETIME NOT NULL,
                    confirmedAt DATETIME,
                    lastUsedStep INTEGER
                );
                INSERT INTO totpCredential_checked SELECT * FROM totpCredential WHERE digits BETWEEN 6 AND 8 AND period BETWEEN 15 AND 300;
                DROP TABLE totpCredential;
                ALTER TABLE totpCredential_checked RENAME TO totpCredential;
                """)
        }
    }
}
