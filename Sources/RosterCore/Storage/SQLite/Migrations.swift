import Crypto
import GRDB

/// The schema, one named migration at a time. Never edit a shipped migration: append a new one.
enum Migrations {
    /// Without a key: for databases that never held old audit rows (new and in-memory ones).
    static var migrator: DatabaseMigrator { migrator(auditKey: nil) }

    /// `auditKey`: the audit chain's key, for the one-time start of the keyed chain (v11).
    static func migrator(auditKey: (@Sendable () throws -> SymmetricKey)?) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-users-orgs-sessions-audit") { db in
            try db.execute(sql: """
                CREATE TABLE user (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    email TEXT NOT NULL UNIQUE,
                    firstName TEXT NOT NULL,
                    lastName TEXT NOT NULL,
                    name TEXT GENERATED ALWAYS AS (TRIM(firstName || ' ' || lastName)) VIRTUAL,
                    kind TEXT NOT NULL CHECK (kind IN ('standard', 'service', 'read-only')),
                    systemRole INTEGER NOT NULL CHECK (systemRole BETWEEN 0 AND 4),
                    status TEXT NOT NULL CHECK (status IN ('active', 'deactivated')),
                    lockedByAdmin BOOLEAN NOT NULL DEFAULT 0,
                    lockedUntil DATETIME,
                    failedSignIns INTEGER NOT NULL DEFAULT 0,
                    passwordHash TEXT,
                    passwordChangeRequired BOOLEAN NOT NULL DEFAULT 1,
                    mfaEnrollmentRequired BOOLEAN NOT NULL DEFAULT 0,
                    mfaEnabled BOOLEAN NOT NULL DEFAULT 0,
                    termsAcceptanceRequired BOOLEAN NOT NULL DEFAULT 1,
                    termsAcceptedAt DATETIME,
                    timeZone TEXT,
                    logOutAfterMinutes INTEGER,
                    createdAt DATETIME NOT NULL,
                    lastSignInAt DATETIME,
                    version INTEGER NOT NULL DEFAULT 1
                );
                -- Covering index for the name sort and the substring filter walk (DESIGN.md).
                CREATE INDEX user_name ON user(name COLLATE NOCASE, id, email);
                CREATE INDEX user_role ON user(systemRole, id);
                CREATE INDEX user_status ON user(status, id);
                CREATE INDEX user_created ON user(createdAt, id);
                CREATE INDEX user_lastSignIn ON user(lastSignInAt, id);
                CREATE INDEX user_activeAdmins ON user(systemRole, status);

                CREATE TABLE org (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    locked BOOLEAN NOT NULL DEFAULT 0,
                    mfaRequired BOOLEAN NOT NULL DEFAULT 0,
                    standardUserLimit INTEGER CHECK (standardUserLimit >= 0),
                    serviceUserLimit INTEGER CHECK (serviceUserLimit >= 0),
                    createdAt DATETIME NOT NULL,
                    version INTEGER NOT NULL DEFAULT 1
                );

                CREATE TABLE membership (
                    userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    orgId INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('read-only', 'member', 'org-admin')),
                    createdAt DATETIME NOT NULL,
                    PRIMARY KEY (userId, orgId)
                ) WITHOUT ROWID;
                CREATE INDEX membership_org ON membership(orgId, role);

                CREATE TABLE userGroup (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    orgId INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
                    name TEXT NOT NULL COLLATE NOCASE,
                    createdAt DATETIME NOT NULL,
                    UNIQUE (orgId, name)
                );
                CREATE TABLE userGroupMember (
                    groupId INTEGER NOT NULL REFERENCES userGroup(id) ON DELETE CASCADE,
                    userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    PRIMARY KEY (groupId, userId)
                ) WITHOUT ROWID;
                CREATE INDEX userGroupMember_user ON userGroupMember(userId);

                CREATE TABLE session (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    tokenHash TEXT NOT NULL UNIQUE,
                    createdAt DATETIME NOT NULL,
                    lastSeenAt DATETIME NOT NULL,
                    ip TEXT,
                    client TEXT,
                    endedAt DATETIME,
                    endReason TEXT
                );
                CREATE INDEX session_user ON session(userId, endedAt);

                -- Seed 004: deactivation revokes the IP rules tied to a user's sessions.
                CREATE TABLE ipRule (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    cidr TEXT NOT NULL,
                    createdAt DATETIME NOT NULL
                );
                CREATE INDEX ipRule_user ON ipRule(userId);

                CREATE TABLE setting (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;

                -- Audit rows name actor, target and org as text too, so they stay readable
                -- after the user or org is deleted; no foreign keys on purpose.
                CREATE TABLE auditEntry (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at DATETIME NOT NULL,
                    actorId INTEGER,
                    actor TEXT NOT NULL,
                    actorIP TEXT,
                    action TEXT NOT NULL,
                    targetId INTEGER,
                    target TEXT,
                    orgId INTEGER,
                    org TEXT,
                    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
                    details TEXT NOT NULL,
                    previousHash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE INDEX auditEntry_target ON auditEntry(targetId, id);
                """)
        }
        migrator.registerMigration("v2-credentials-mail-api-keys") { db in
            try db.execute(sql: """
                -- TOTP secrets are AES-GCM sealed with the key file beside the database.
                CREATE TABLE totpCredential (
                    userId INTEGER PRIMARY KEY REFERENCES user(id) ON DELETE CASCADE,
                    sealedSecret BLOB NOT NULL,
                    algorithm TEXT NOT NULL CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
                    digits INTEGER NOT NULL,
                    period INTEGER NOT NULL,
                    createdAt DATETIME NOT NULL,
                    confirmedAt DATETIME,
                    lastUsedStep INTEGER
                );

                CREATE TABLE recoveryCode (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    codeHash TEXT NOT NULL,
                    createdAt DATETIME NOT NULL,
                    usedAt DATETIME
                );
                CREATE INDEX recoveryCode_user ON recoveryCode(userId);

                CREATE TABLE passwordReset (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    tokenHash TEXT NOT NULL UNIQUE,
                    purpose TEXT NOT NULL CHECK (purpose IN ('reset', 'account-info')),
                    createdAt DATETIME NOT NULL,
                    createdBy TEXT NOT NULL,
                    expiresAt DATETIME NOT NULL,
                    usedAt DATETIME,
                    cancelledAt DATETIME
                );
                CREATE INDEX passwordReset_user ON passwordReset(userId);

                CREATE TABLE outboxMessage (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    createdAt DATETIME NOT NULL,
                    recipient TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    lastAttemptAt DATETIME,
                    nextAttemptAt DATETIME NOT NULL,
                    lastError TEXT,
                    sentAt DATETIME
                );
                CREATE INDEX outboxMessage_due ON outboxMessage(status, nextAttemptAt);

                CREATE TABLE apiKey (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    prefix TEXT NOT NULL UNIQUE,
                    secretHash TEXT NOT NULL,
                    scope TEXT NOT NULL CHECK (scope IN ('read', 'read-write')),
                    createdAt DATETIME NOT NULL,
                    createdBy TEXT NOT NULL,
                    expiresAt DATETIME,
                    lastUsedAt DATETIME,
                    revokedAt DATETIME
                );
                CREATE INDEX apiKey_user ON apiKey(userId);
                """)
        }
        migrator.registerMigration("v3-user-search") { db in
            // Filling the column for existing rows needs the same folding the app uses on writes.
            db.add(function: DatabaseFunction("roster_search_text", argumentCount: 2, pure: true) { values in
                SearchText.of(name: String.fromDatabaseValue(values[0]) ?? "", email: String.fromDatabaseValue(values[1]) ?? "")
            })
            try db.execute(sql: """
                ALTER TABLE user ADD COLUMN searchText TEXT NOT NULL DEFAULT '';
                UPDATE user SET searchText = roster_search_text(name, email);
                -- The filter walks the name order reading only this index: no table lookups.
                DROP INDEX user_name;
                CREATE INDEX user_name ON user(name COLLATE NOCASE, id, searchText);

                -- Substring search over the folded name and email for filters of any length
                -- (see UserFilterSearch). External content: the text is stored once, in user.
                -- The text is folded already (SearchText); case_sensitive 1 keeps FTS5 from
                -- folding it a second way, so its terms are byte for byte what a filter folds to.
                CREATE VIRTUAL TABLE userSearch USING fts5(
                    searchText, content='user', content_rowid='id', tokenize='trigram case_sensitive 1', detail='none');
                INSERT INTO userSearch(userSearch) VALUES ('rebuild');
                -- The trigrams, for turning a one- or two-character filter into an index lookup.
                CREATE VIRTUAL TABLE userSearchTerms USING fts5vocab(userSearch, 'row');

                CREATE TRIGGER user_search_insert AFTER INSERT ON user BEGIN
                    INSERT INTO userSearch(rowid, searchText) VALUES (new.id, new.searchText);
                END;
                CREATE TRIGGER user_search_delete AFTER DELETE ON user BEGIN
                    INSERT INTO userSearch(userSearch, rowid, searchText) VALUES ('delete', old.id, old.searchText);
                END;
                -- Bumped whenever the name order changes, so in-memory copies of it (NameOrder)
                -- know when they are stale.
                CREATE TABLE userOrderVersion (version INTEGER NOT NULL);
                INSERT INTO userOrderVersion VALUES (0);
                CREATE TRIGGER user_order_insert AFTER INSERT ON user BEGIN
                    UPDATE userOrderVersion SET version = version + 1;
                END;
                CREATE TRIGGER user_order_delete AFTER DELETE ON user BEGIN
                    UPDATE userOrderVersion SET version = version + 1;
                END;
                CREATE TRIGGER user_order_rename AFTER UPDATE OF firstName, lastName ON user
                WHEN old.firstName IS NOT new.firstName OR old.lastName IS NOT new.lastName BEGIN
                    UPDATE userOrderVersion SET version = version + 1;
                END;

                CREATE TRIGGER user_search_update AFTER UPDATE OF searchText ON user BEGIN
                    INSERT INTO userSearch(userSearch, rowid, searchText) VALUES ('delete', old.id, old.searchText);
                    INSERT INTO userSearch(rowid, searchText) VALUES (new.id, new.searchText);
                END;
                """)
        }
        registerMembershipOrder(&migrator)
        registerSecretsAtRest(&migrator)
        registerKeyedAudit(&migrator)
        registerSSHKeys(&migrator)
        registerReauthentication(&migrator)
        registerAvatars(&migrator)
        registerNeverSignedIn(&migrator)
        registerAuditChainStart(&migrator, auditKey: auditKey)
        registerElevations(&migrator)
        registerApprovals(&migrator)
        registerAccessReviews(&migrator)
        registerOrderVersion(&migrator)
        registerSearchGrams(&migrator)
        registerSearchPositions(&migrator)
        registerUserOrgIDs(&migrator)
        return migrator
    }
}
