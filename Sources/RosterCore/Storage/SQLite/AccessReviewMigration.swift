import GRDB

extension Migrations {
    /// v14: access reviews (each member as they were, and the decision), and each org's
    /// review interval and last review.
    static func registerAccessReviews(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v14-access-reviews") { db in
            try db.execute(sql: """
                ALTER TABLE org ADD COLUMN reviewIntervalDays INTEGER NOT NULL DEFAULT 90;
                ALTER TABLE org ADD COLUMN lastReviewedAt DATETIME;
                CREATE TABLE accessReview (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    orgId INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
                    orgName TEXT NOT NULL,
                    startedBy TEXT NOT NULL,
                    startedAt DATETIME NOT NULL,
                    submittedBy TEXT,
                    submittedAt DATETIME
                );
                CREATE INDEX accessReview_org ON accessReview(orgId);
                CREATE TABLE accessReviewItem (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    reviewId INTEGER NOT NULL REFERENCES accessReview(id) ON DELETE CASCADE,
                    userId INTEGER REFERENCES user(id) ON DELETE SET NULL,
                    email TEXT NOT NULL,
                    name TEXT NOT NULL,
                    orgRole TEXT NOT NULL,
                    systemRole INTEGER,
                    lastSignInAt DATETIME,
                    mfaEnabled BOOLEAN NOT NULL,
                    apiKeys INTEGER NOT NULL,
                    sshKeys INTEGER NOT NULL,
                    groupNames TEXT NOT NULL,
                    decision TEXT,
                    decidedBy TEXT,
                    decidedAt DATETIME
                );
                CREATE INDEX accessReviewItem_review ON accessReviewItem(reviewId);
                """)
        }
    }
}
