import GRDB

/// The SQLite implementation of `Stores`: one `BEGIN IMMEDIATE` transaction per write.
public struct SQLiteStores: Stores {
    public let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try database.write { db in try body(transaction(db)) }
    }

    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try database.read { db in try body(transaction(db)) }
    }

    func transaction(_ db: Database) -> StoreTransaction {
        StoreTransaction(
            users: SQLiteUserStore(db: db, nameOrder: database.nameOrder, refreshNameOrder: database.refreshNameOrder),
            orgs: SQLiteOrgStore(db: db),
            groups: SQLiteGroupStore(db: db),
            sessions: SQLiteSessionStore(db: db),
            audit: SQLiteAuditStore(db: db),
            settings: SQLiteSettingsStore(db: db),
            credentials: SQLiteCredentialStore(db: db),
            outbox: SQLiteOutboxStore(db: db))
    }
}
