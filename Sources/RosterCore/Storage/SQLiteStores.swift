import Crypto
import GRDB
import Synchronization

/// The SQLite implementation of `Stores`: one `BEGIN IMMEDIATE` transaction per write.
public struct SQLiteStores: Stores {
    public let database: AppDatabase
    /// The audit chain's key, from the key file beside the database.
    let auditKey: @Sendable () throws -> SymmetricKey

    /// Every write rolled back at its end (`--dry-run`).
    let rollsBack: Bool

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
        refusals = refusals.filter { AuditChain.keyedHash(of: $0, previousHash: $0.previousHash, key: key) == $0.hash }
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
            outbox: SQLiteOutboxStore(db: db))
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
