import Foundation

/// Runs `PostgresMigrations` on one connection: in one transaction, under an advisory lock
/// (two hosts starting together migrate once), refusing a database a newer roster wrote.
struct PostgresMigrator {
    let connection: PGConnection
    let address: PostgresAddress

    static let table = "roster_migration"

    func migrate(create: Bool, upgrading: (_ migrations: [String]) -> Void) throws {
        // Up to date: nothing to lock or create, so a role without schema rights runs Roster.
        if try connection.execute("SELECT to_regclass($1) IS NOT NULL", [Self.table]).bool(0, 0) == true {
            let applied = try appliedIdentifiers()
            try refuseNewer(applied)
            if PostgresMigrations.all.allSatisfy({ applied.contains($0.identifier) }) { return }
        }
        try connection.execute("BEGIN")
        do {
            try applyPending(create: create, upgrading: upgrading)
            try connection.commit()
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// The migrations this database lacks, in the caller's transaction (`migrate-to` creates
    /// the schema and copies the data in one).
    func applyPending(create: Bool, upgrading: (_ migrations: [String]) -> Void = { _ in }) throws {
        try connection.execute("SELECT pg_advisory_xact_lock($1)", [PostgresStores.migrationLock])
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS \(Self.table) (identifier text PRIMARY KEY, appliedAt timestamptz NOT NULL DEFAULT now())
            """)
        let applied = try appliedIdentifiers()
        try refuseNewer(applied)
        if applied.isEmpty, !create {
            throw RosterError.database(.notOnThisBackend(
                "\(address.text) holds no Roster data yet. Create it with `roster init --db '\(address.text)' --email you@example.com`."))
        }
        let pending = PostgresMigrations.all.filter { !applied.contains($0.identifier) }
        if !applied.isEmpty, !pending.isEmpty { upgrading(pending.map(\.identifier)) }
        for migration in pending {
            try connection.execute(migration.sql)
            try PostgresMigrations.afterward(migration.identifier, connection)
            try connection.execute("INSERT INTO \(Self.table) (identifier) VALUES ($1)", [migration.identifier])
        }
    }

    /// Whether the database's current schema holds no table at all (what `migrate-to` needs).
    func isEmpty() throws -> Bool {
        try connection.execute("SELECT NOT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema())").bool(0, 0) ?? false
    }

    /// For read-only use (a standby, `audit verify`): the schema must be there and not newer.
    func checkReadable() throws {
        let exists = try connection.execute("SELECT to_regclass($1) IS NOT NULL", [Self.table]).bool(0, 0) ?? false
        guard exists else {
            throw RosterError.database(.notOnThisBackend("\(address.text) holds no Roster data; nothing to read."))
        }
        try refuseNewer(try appliedIdentifiers())
    }

    private func appliedIdentifiers() throws -> Set<String> {
        let result = try connection.execute("SELECT identifier FROM \(Self.table)")
        return Set((0..<result.count).compactMap { result.text($0, 0) })
    }

    private func refuseNewer(_ applied: Set<String>) throws {
        let known = Set(PostgresMigrations.all.map(\.identifier))
        if !applied.isSubset(of: known) { throw RosterError.database(.newerSchema(address.text)) }
    }
}
