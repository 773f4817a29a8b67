import Foundation

/// The PostgreSQL schema, one named migration at a time. Append-only, as SQLite's list is:
/// never edit a shipped migration. Each runs in the transaction that records it.
///
/// The tables match SQLite's (names folded to lower case as PostgreSQL folds them; `user` is
/// a reserved word, so users live in `users`). Text that is sorted uses the "C" collation
/// and `roster_nocase` (ASCII case folded, as SQLite's NOCASE): both backends then put rows in
/// the very same order, byte for byte, whatever the server's locale.
enum PostgresMigrations {
    static let all: [(identifier: String, sql: String)] = [
        ("p1-schema", schema),
        ("p2-membership-order", membershipOrder),
        ("p3-filter-characters", filterCharacters),
        ("p4-faster-grams", fasterGrams),
        ("p5-elevations", elevations),
        ("p6-approvals", approvals),
        ("p7-access-reviews", accessReviews),
        ("p8-name-walk", nameWalk),
        ("p9-order-version", orderVersion),
        ("p10-search-grams", searchGrams),
        ("p11-bulk-order-version", bulkOrderVersion),
        ("p12-search-domains", searchDomains),
    ]

    /// What a migration does past its SQL, in the same transaction: work SQL does slowly.
    static func afterward(_ identifier: String, _ connection: PGConnection) throws {
        if identifier == "p10-search-grams" { try PostgresSearchGrams.fill(connection) }
    }

    /// An index of the characters and character pairs of every user's search text, for the
    /// filters trigrams can't serve: one or two letters ("q", "zq"), or text without three
    /// ASCII letters or digits in a row ("sø", "王"). A rare one is then found at once instead
    /// of by reading a million rows. (About a minute to build at a million users, once.)
    /// The character index of every user's search text: built once after a bulk load (the
    /// demo's million users), as kept row by row it makes the load three times slower.
    static let usersGrams = "CREATE INDEX users_grams ON users USING gin (roster_grams(searchText))"

    static let filterCharacters = """
        CREATE FUNCTION roster_grams(text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            RETURN ARRAY(SELECT substr($1, i, 1) FROM generate_series(1, length($1)) AS i
                UNION SELECT substr($1, i, 2) FROM generate_series(1, length($1) - 1) AS i);
        SET LOCAL maintenance_work_mem = '256MB';
        \(usersGrams);
        """

    /// `roster_grams` three to four times faster (measured on the demo's search texts: 60 µs a
    /// row before, 16 after): the characters split at once and the pairs in a loop, instead of
    /// two set queries and a UNION. It gives the same set of characters and pairs (in another
    /// order, an empty text aside), and the index and `@>` only look at the set, so the index
    /// built with the old body stays right and is not rebuilt. Every user written (a create,
    /// an import, a rename) and every build of the index pays less.
    static let fasterGrams = """
        CREATE OR REPLACE FUNCTION roster_grams(text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
        DECLARE
            grams text[];
        BEGIN
            IF $1 = '' THEN RETURN '{}'; END IF;
            grams := regexp_split_to_array($1, '');
            FOR i IN 1..length($1) - 1 LOOP
                grams := grams || substr($1, i, 2);
            END LOOP;
            RETURN grams;
        END
        $$
        """

    /// Each membership carries its user's name key and search text, indexed per org in name
    /// order: an org admin's users table (their orgs' members) reads a page from one stretch
    /// of one index and stops at its end, instead of joining a million-row table. Triggers
    /// keep the copies: a new membership takes its user's (unless the writer gave them, as a
    /// bulk load does), and a renamed user's memberships follow.
    static let membershipOrder = """
        ALTER TABLE membership ADD COLUMN userNameKey text COLLATE "C" NOT NULL DEFAULT '';
        ALTER TABLE membership ADD COLUMN userSearch text COLLATE "C" NOT NULL DEFAULT '';
        UPDATE membership m SET userNameKey = u.nameKey, userSearch = u.searchText FROM users u WHERE u.id = m.userId;
        CREATE INDEX membership_org_name ON membership (orgId, userNameKey, userId);

        CREATE FUNCTION roster_membership_named() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            SELECT nameKey, searchText INTO NEW.userNameKey, NEW.userSearch FROM users WHERE id = NEW.userId;
            RETURN NEW;
        END $$;
        CREATE TRIGGER membership_named BEFORE INSERT ON membership
            FOR EACH ROW WHEN (NEW.userNameKey = '') EXECUTE FUNCTION roster_membership_named();

        CREATE FUNCTION roster_user_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE membership SET userNameKey = NEW.nameKey, userSearch = NEW.searchText WHERE userId = NEW.id;
            RETURN NULL;
        END $$;
        CREATE TRIGGER users_renamed AFTER UPDATE ON users
            FOR EACH ROW WHEN (OLD.nameKey IS DISTINCT FROM NEW.nameKey OR OLD.searchText IS DISTINCT FROM NEW.searchText)
            EXECUTE FUNCTION roster_user_renamed();
        """

    static let schema = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;

        CREATE FUNCTION roster_nocase(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN translate($1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE "C";

        CREATE TABLE users (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            email text COLLATE "C" NOT NULL UNIQUE,
            firstName text NOT NULL,
            lastName text NOT NULL,
            name text COLLATE "C" GENERATED ALWAYS AS (btrim(firstName || ' ' || lastName)) STORED,
            nameKey text COLLATE "C" GENERATED ALWAYS AS (roster_nocase(btrim(firstName || ' ' || lastName))) STORED,
            kind text COLLATE "C" NOT NULL CHECK (kind IN ('standard', 'service', 'read-only')),
            systemRole integer NOT NULL CHECK (systemRole BETWEEN 0 AND 4),
            status text COLLATE "C" NOT NULL CHECK (status IN ('active', 'deactivated')),
            lockedByAdmin boolean NOT NULL DEFAULT false,
            lockedUntil timestamptz,
            failedSignIns integer NOT NULL DEFAULT 0,
            passwordHash text,
            passwordChangeRequired boolean NOT NULL DEFAULT true,
            mfaEnrollmentRequired boolean NOT NULL DEFAULT false,
            mfaEnabled boolean NOT NULL DEFAULT false,
            termsAcceptanceRequired boolean NOT NULL DEFAULT true,
            termsAcceptedAt timestamptz,
            timeZone text,
            logOutAfterMinutes integer,
            createdAt timestamptz NOT NULL,
            lastSignInAt timestamptz,
            version integer NOT NULL DEFAULT 1,
            -- Name and email folded for case, accents and invisible characters, computed in
            -- Swift on every write (SearchText), so both backends match the same filters.
            searchText text COLLATE "C" NOT NULL DEFAULT ''
        );
        CREATE INDEX users_name ON users (nameKey, id);
        CREATE INDEX users_email ON users (email, id);
        CREATE INDEX users_role ON users (systemRole, id);
        CREATE INDEX users_status ON users (status, id);
        CREATE INDEX users_created ON users (createdAt, id);
        CREATE INDEX users_lastSignIn ON users (lastSignInAt NULLS FIRST, id);
        CREATE INDEX users_neverSignedIn ON users (createdAt) WHERE lastSignInAt IS NULL;
        CREATE INDEX users_search ON users USING gin (searchText gin_trgm_ops);

        CREATE TABLE org (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text COLLATE "C" NOT NULL,
            locked boolean NOT NULL DEFAULT false,
            mfaRequired boolean NOT NULL DEFAULT false,
            standardUserLimit integer CHECK (standardUserLimit >= 0),
            serviceUserLimit integer CHECK (serviceUserLimit >= 0),
            createdAt timestamptz NOT NULL,
            version integer NOT NULL DEFAULT 1
        );
        CREATE UNIQUE INDEX org_name ON org (roster_nocase(name));

        CREATE TABLE membership (
            userId bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            orgId bigint NOT NULL REFERENCES org(id) ON DELETE CASCADE,
            role text COLLATE "C" NOT NULL CHECK (role IN ('read-only', 'member', 'org-admin')),
            createdAt timestamptz NOT NULL,
            PRIMARY KEY (userId, orgId)
        );
        CREATE INDEX membership_org ON membership (orgId, role, userId);

        CREATE TABLE userGroup (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            orgId bigint NOT NULL REFERENCES org(id) ON DELETE CASCADE,
            name text COLLATE "C" NOT NULL,
            createdAt timestamptz NOT NULL
        );
        CREATE UNIQUE INDEX userGroup_name ON userGroup (orgId, roster_nocase(name));
        CREATE TABLE userGroupMember (
            groupId bigint NOT NULL REFERENCES userGroup(id) ON DELETE CASCADE,
            userId bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            PRIMARY KEY (groupId, userId)
        );
        CREATE INDEX userGroupMember_user ON userGroupMember (userId);

        CREATE TABLE session (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            userId bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            tokenHash text NOT NULL UNIQUE,
            createdAt timestamptz NOT NULL,
            lastSeenAt timestamptz NOT NULL,
            ip text,
            client text,
            endedAt timestamptz,
            endReason text,
            sshKey text,
            authenticatedAt timestamptz
        );
        CREATE INDEX session_owner ON session (userId, endedAt);
        CREATE INDEX session_sshKey ON session (sshKey) WHERE sshKey IS NOT NULL AND endedAt IS NULL;

        CREATE TABLE ipRule (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            userId bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            cidr text NOT NULL,
            createdAt timestamptz NOT NULL
        );
        CREATE INDEX ipRule_user ON ipRule (userId);

        CREATE TABLE signInSource (
            source text PRIMARY KEY,
            failures integer NOT NULL,
            windowStart timestamptz NOT NULL,
            blockedUntil timestamptz
        );

        CREATE TABLE setting (
            key text PRIMARY KEY,
            value text NOT NULL
        );

        -- Audit rows name actor, target and org as text too, so they stay readable after the
        -- user or org is deleted; no foreign keys on purpose. Ids are given by the chain.
        CREATE TABLE auditEntry (
            id bigint PRIMARY KEY,
            at timestamptz NOT NULL,
            actorId bigint,
            actor text NOT NULL,
            actorIP text,
            action text COLLATE "C" NOT NULL,
            targetId bigint,
            target text,
            orgId bigint,
            org text,
            outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
            details text NOT NULL,
            previousHash text NOT NULL,
            hash text NOT NULL,
            chain integer NOT NULL
        );
        CREATE INDEX auditEntry_target ON auditEntry (targetId, id);
        CREATE INDEX auditEntry_actor ON auditEntry (actorId, id);

        CREATE TABLE totpCredential (
            userId bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            sealedSecret bytea NOT NULL,
            algorithm text NOT NULL CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
            digits integer NOT NULL CHECK (digits BETWEEN 6 AND 8),
            period integer NOT NULL CHECK (period BETWEEN 15 AND 300),
            createdAt timestamptz NOT NULL,
            confirmedAt timestamptz,
            lastUsedStep bigint
        );

        CREATE TABLE recoveryCode (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            userId bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            codeHash text NOT NULL,
            createdAt timestamptz NOT NULL,
            usedAt timestamptz
        );
        CREATE INDEX recoveryCode_user ON recoveryCode (userId);

        CREATE TABLE passwordReset (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            userId bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            tokenHash text NOT NULL UNIQUE,
            purpose text NOT NULL CHECK (purpose IN ('reset', 'account-info')),
            createdAt timestamptz NOT NULL,
            createdBy text NOT NULL,
            expiresAt timestamptz NOT NULL,
            usedAt timestamptz,
            cancelledAt timestamptz
        );
        CREATE INDEX passwordReset_user ON passwordReset (userId);

        CREATE TABLE outboxMessage (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            createdAt timestamptz NOT NULL,
            recipient text NOT NULL,
            subject text NOT NULL,
            body text NOT NULL,
            status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
            attempts integer NOT NULL DEFAULT 0,
            lastAttemptAt timestamptz,
            nextAttemptAt timestamptz NOT NULL,
            lastError text,
            sentAt timestamptz,
            sealedToken bytea
        );
        CREATE INDEX outboxMessage_due ON outboxMessage (status, nextAttemptAt);

        CREATE TABLE apiKey (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            userId bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name text NOT NULL,
            prefix text NOT NULL UNIQUE,
            secretHash text NOT NULL,
            scope text NOT NULL CHECK (scope IN ('read', 'read-write')),
            createdAt timestamptz NOT NULL,
            createdBy text NOT NULL,
            expiresAt timestamptz,
            lastUsedAt timestamptz,
            revokedAt timestamptz
        );
        CREATE INDEX apiKey_user ON apiKey (userId);

        CREATE TABLE sshKey (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            userId bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            fingerprint text NOT NULL UNIQUE,
            type text NOT NULL,
            bits integer NOT NULL,
            publicKey text NOT NULL,
            comment text NOT NULL DEFAULT '',
            createdAt timestamptz NOT NULL,
            createdBy text NOT NULL,
            lastUsedAt timestamptz
        );
        CREATE INDEX sshKey_user ON sshKey (userId);

        CREATE TABLE avatar (
            userId bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            format text NOT NULL CHECK (format IN ('png', 'jpeg')),
            width integer NOT NULL,
            height integer NOT NULL,
            image bytea NOT NULL CHECK (length(image) < 512000),
            previewWidth integer NOT NULL,
            previewHeight integer NOT NULL,
            preview bytea NOT NULL,
            setAt timestamptz NOT NULL,
            setBy text NOT NULL
        );

        -- A check value of the key file (an HMAC under it of a fixed text): every host of this
        -- database must hold the same key, and a host with another one refuses to start.
        CREATE TABLE keyCheck (
            id integer PRIMARY KEY CHECK (id = 1),
            value text NOT NULL
        );
        """
}
