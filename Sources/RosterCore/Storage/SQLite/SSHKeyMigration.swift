import GRDB

extension Migrations {
    /// v7: SSH public keys per account (OpenSSH in front, `roster ssh authorized-keys`), and
    /// the key a session signed in with, so its audit rows can name it.
    static func registerSSHKeys(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7-ssh-keys") { db in
            try db.execute(sql: """
                CREATE TABLE sshKey (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    fingerprint TEXT NOT NULL UNIQUE,
                    type TEXT NOT NULL,
                    bits INTEGER NOT NULL,
                    publicKey TEXT NOT NULL,
                    comment TEXT NOT NULL DEFAULT '',
                    createdAt DATETIME NOT NULL,
                    createdBy TEXT NOT NULL,
                    lastUsedAt DATETIME
                );
                CREATE INDEX sshKey_user ON sshKey(userId);
                ALTER TABLE session ADD COLUMN sshKey TEXT;
                CREATE INDEX session_sshKey ON session(sshKey) WHERE sshKey IS NOT NULL AND endedAt IS NULL;
                """)
        }
    }
}
