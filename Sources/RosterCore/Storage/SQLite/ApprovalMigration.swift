import GRDB

extension Migrations {
    /// v13: changes waiting for a second person (`ApprovalRequest`).
    static func registerApprovals(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v13-approvals") { db in
            try db.execute(sql: """
                CREATE TABLE approvalRequest (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    action TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    requesterId INTEGER REFERENCES user(id) ON DELETE SET NULL,
                    requestedBy TEXT NOT NULL,
                    createdAt DATETIME NOT NULL,
                    expiresAt DATETIME NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
                    decidedBy TEXT,
                    decidedAt DATETIME,
                    outcome TEXT
                );
                CREATE INDEX approvalRequest_open ON approvalRequest(expiresAt) WHERE state = 'pending';
                """)
        }
    }
}
