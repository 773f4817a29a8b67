import Crypto
import GRDB
import Synchronization

/// The SQLite implementation of `Stores`: one `BEGIN IMMEDIATE` transaction per write.
public struct SQLiteStores: Stores {
    public let database: AppDatabase
    /// The audit chain's key, from the key file beside the database.
    let auditKey: @Sendable () throws -> SymmetricKey

    /// Every write rolled back at its end (`--dry-run`).
    var rollsBack: Bool

    public init(database: AppDatabase, secrets: @escaping @Sendable () throws -> SecretBox, rollsBack: Bool = false) {
        self.database = database
        // Derived once (HKDF) and kept: every write appends an audit row signed with it.
        let cache = DerivedKeyCache()
        self.auditKey = { try cache.key { try secrets().auditChainKey } }
        self.rollsBack = rollsBack
    }

    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        guard rollsBack else { return try database.write { db in try body(transaction(db)) } }
        // A dry run keeps nothing, except the refusals and failures it met: a denied attempt
        // or a wrong API key is on the record whether or not the change was meant to stay.
        var refusals: [AuditEntry] = []
        let result = try database.writeAndRollBack { db in
            let before = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM auditEntry") ?? 0
            let value = try body(transaction(db))
            refusals = try AuditEntry.fetchAll(
                db, sql: "SELECT \(SQLiteAuditStore.columns) FROM auditEntry WHERE id > ? AND outcome != ? ORDER BY id",
                arguments: [before, AuditOutcome.success.rawValue])
            return value
        }
        // Only rows this run signed: anything else in that range (written by a trigger someone
        // planted in the file, say) must not get the key's signature by riding along.
        let key = try auditKey()
        refusals = AuditAppend.signed(refusals, key: key)
        if !refusals.isEmpty {
            try database.write { db in
                let audit = SQLiteAuditStore(db: db, chainKey: auditKey)
                for entry in refusals { try audit.reappend(entry) }
            }
        }
        return result
    }

    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try database.read { db in try body(transaction(db)) }
    }

    public func rollingBack() -> any Stores {
        var copy = self
        copy.rollsBack = true
        return copy
    }

    public func prepareForConsole() { database.prepareNameOrder() }

    /// Nothing more: the name order `prepareForConsole` builds is all SQLite's filters keep.
    public func prepareForFilters(for reader: (StoreTransaction) throws -> Bool) {}

    public var warnings: [String] {
        guard let mode = database.readableByOthers, let path = database.path else { return [] }
        return ["\(path) has mode \(String(mode, radix: 8)), so other accounts can read the directory. Run: chmod 600 \(path)"]
    }

    public func changeWatcher() throws -> (any ChangeWatching)? { try database.changeWatcher() }

    public func backup(to destination: String) throws -> BackupCheck {
        guard let source = database.path else { throw RosterError.database(.other("an in-memory database has no file to back up")) }
        return try Backup.make(from: database, sourcePath: source, to: destination)
    }

    public func inspect(path: String) throws -> BackupCheck {
        try database.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            let audit = try SQLiteAuditStore(db: db, chainKey: auditKey).verify(head: nil)
            let users = try Int.fetchOne(db, sql: "SELECT count(*) FROM user") ?? 0
            let orgs = try Int.fetchOne(db, sql: "SELECT count(*) FROM org") ?? 0
            let schema = try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1") ?? "none"
            return BackupCheck(path: path, integrity: integrity, audit: audit, users: users, orgs: orgs, schema: schema)
        }
    }

    public func totalUsers() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM user") ?? 0 }
    }

    public func bulkLoad(_ body: (_ load: ([BulkUser]) throws -> Void) throws -> Void) throws {
        try database.bulkLoad { db, transaction in
            // Rows are staged in temporary tables and moved into `user` one statement per batch:
            // the FTS5 index flushes at the end of every statement that writes to it, so a
            // statement per user would write a million tiny index segments.
            try db.execute(sql: """
                CREATE TEMP TABLE bulkUser (email, firstName, lastName, kind, systemRole, status, lockedByAdmin,
                    mfaEnabled, createdAt, lastSignInAt, searchText);
                CREATE TEMP TABLE bulkMembership (email, orgId, role, createdAt);
                """)
            defer { try? db.execute(sql: "DROP TABLE temp.bulkUser; DROP TABLE temp.bulkMembership") }
            let stageUser = try db.makeStatement(sql: "INSERT INTO bulkUser VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            let stageMembership = try db.makeStatement(sql: "INSERT INTO bulkMembership VALUES (?, ?, ?, ?)")
            try withoutActuallyEscaping(transaction) { transaction in try body { batch in
                try transaction { try SQLiteSearchGrams.deferred(db) {
                    for user in batch {
                        try stageUser.execute(arguments: [
                            user.email, user.firstName, user.lastName, user.kind.rawValue, user.systemRole.rawValue,
                            user.status.rawValue, user.lockedByAdmin, user.mfaEnabled, user.createdAt.stored, user.lastSignInAt.map(StoredDate.init),
                            SearchText.of(name: user.firstName + " " + user.lastName, email: user.email),
                        ])
                        for membership in user.memberships {
                            try stageMembership.execute(arguments: [user.email, membership.org, membership.role.rawValue, user.createdAt.stored])
                        }
                    }
                    try db.execute(sql: """
                        INSERT INTO user (email, firstName, lastName, kind, systemRole, status, lockedByAdmin, lockedUntil,
                            failedSignIns, passwordHash, passwordChangeRequired, mfaEnrollmentRequired, mfaEnabled,
                            termsAcceptanceRequired, createdAt, lastSignInAt, version, searchText)
                        SELECT email, firstName, lastName, kind, systemRole, status, lockedByAdmin, NULL,
                            0, NULL, 0, 0, mfaEnabled, 0, createdAt, lastSignInAt, 1, searchText
                        FROM bulkUser ORDER BY rowid;
                        INSERT OR IGNORE INTO membership (userId, orgId, role, createdAt, userName, userSearch)
                        SELECT user.id, m.orgId, m.role, m.createdAt, user.name, user.searchText
                        FROM bulkMembership m JOIN user ON user.email = m.email;
                        DELETE FROM bulkUser;
                        DELETE FROM bulkMembership;
                        """)
                } }
            } }
        }
    }

    func transaction(_ db: Database) -> StoreTransaction {
        StoreTransaction(
            users: SQLiteUserStore(db: db, nameOrder: database.nameOrder, refreshNameOrder: database.refreshNameOrder,
                                  counts: database.userCounts),
            orgs: SQLiteOrgStore(db: db),
            groups: SQLiteGroupStore(db: db),
            sessions: SQLiteSessionStore(db: db),
            audit: SQLiteAuditStore(db: db, chainKey: auditKey),
            settings: SQLiteSettingsStore(db: db),
            credentials: SQLiteCredentialStore(db: db),
            outbox: SQLiteOutboxStore(db: db),
            elevations: SQLiteElevationStore(db: db),
            approvals: SQLiteApprovalStore(db: db),
            reviews: SQLiteReviewStore(db: db))
    }
}

/// A key derived on first use and kept for the life of the stores.
final class DerivedKeyCache: Sendable {
    private let stored = Mutex<SymmetricKey?>(nil)

    func key(_ derive: () throws -> SymmetricKey) throws -> SymmetricKey {
        try stored.withLock { cached in
            if let cached { return cached }
            let key = try derive()
            cached = key
            return key
        }
    }
}

extension Roster {
    /// Roster over one SQLite database, sealing and signing with `environment.secrets`.
    public init(database: AppDatabase, environment: CoreEnvironment = .live, dryRun: Bool = false) {
        self.init(stores: SQLiteStores(database: database, secrets: environment.secrets), environment: environment, dryRun: dryRun)
    }
}
