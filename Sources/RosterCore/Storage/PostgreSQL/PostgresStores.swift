import Crypto
import Foundation
import Synchronization

/// The PostgreSQL implementation of `Stores`, through libpq.
///
/// Every write is one transaction that first takes one transaction-scoped advisory lock, the
/// same for every Roster host: writes queue behind each other exactly as SQLite's
/// `BEGIN IMMEDIATE` makes them, so two administrators racing to demote the last two
/// administrators can't both pass the check, and two hosts can't fork the audit chain.
/// Reads are `REPEATABLE READ READ ONLY` snapshots and never wait for writers.
public struct PostgresStores: Stores {
    let pool: PGPool
    let auditKey: @Sendable () throws -> SymmetricKey
    let secrets: @Sendable () throws -> SecretBox
    let keyChecked: KeyCheckState
    var rollsBack = false
    /// Where reads go when a standby may serve them (a read-only console); nil: the primary.
    let standby: StandbyReads?
    /// Whole-directory counts per filter (see UserCountCache), shared by this process's transactions.
    let userCounts = UserCountCache()
    /// A filter's matches in name order (see KeptMatches), shared by this process's transactions.
    let keptMatches = KeptMatches()
    /// A sample of the users for the filter's plan (see NameSample), shared likewise.
    let nameSample = NameSample()

    /// The lock every write takes (`pg_advisory_xact_lock`): "roster" in ASCII.
    static let writeLock: Int64 = 0x726F_7374_6572
    /// The lock migrations take, so two hosts starting at once don't both migrate.
    static let migrationLock: Int64 = 0x726F_7374_6D67
    static let beginWrite = "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE"
    /// The channel writes notify, for consoles' live refresh on every host.
    static let changeChannel = "roster_changes"

    init(pool: PGPool, standby: StandbyReads? = nil, secrets: @escaping @Sendable () throws -> SecretBox) {
        self.pool = pool
        self.standby = standby
        self.secrets = secrets
        let cache = DerivedKeyCache()
        auditKey = { try cache.key { try secrets().auditChainKey } }
        keyChecked = KeyCheckState()
    }

    /// Connects, migrates (refusing a database newer than this roster), and checks the key
    /// file against the database's check value before anything is written.
    /// `readsFromStandby`: reads go to a standby when the address names one (read-only consoles).
    static func open(_ address: PostgresAddress, create: Bool, readsFromStandby: Bool = false,
                     upgrading: (_ migrations: [String]) -> Void,
                     secrets: @escaping @Sendable () throws -> SecretBox) throws -> PostgresStores {
        let pool = PGPool(address: address)
        let standby = readsFromStandby ? StandbyReads(pool: PGPool(address: address.preferringStandby()), primary: pool) : nil
        let stores = PostgresStores(pool: pool, standby: standby, secrets: secrets)
        try stores.mapErrors {
            try stores.pool.withConnection { connection in
                // The key first: a host with another key file changes nothing, not even the schema.
                try stores.checkKey(on: connection, writeIfMissing: false)
                try PostgresMigrator(connection: connection, address: address).migrate(create: create, upgrading: upgrading)
            }
        }
        return stores
    }

    /// Connects to read only: no migration, no write; works on a standby.
    static func openReadOnly(_ address: PostgresAddress, secrets: @escaping @Sendable () throws -> SecretBox) throws -> PostgresStores {
        let stores = PostgresStores(pool: PGPool(address: address), secrets: secrets)
        try stores.mapErrors {
            try stores.pool.withConnection { connection in
                try PostgresMigrator(connection: connection, address: address).checkReadable()
                try stores.checkKey(on: connection, writeIfMissing: false)
            }
        }
        return stores
    }

    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        if rollsBack { return try writeAndRollBack(body) }
        return try mapErrors {
            try pool.withConnection { connection in
                // READ COMMITTED whatever the server's default: each statement after the lock
                // sees what the previous writer committed (a snapshot taken before the lock
                // was granted would not).
                var storedKeyCheck = false
                let value = try inTransaction(connection, begin: Self.beginWrite) {
                    try connection.execute("SELECT pg_advisory_xact_lock($1)", [Self.writeLock])
                    storedKeyCheck = try checkKey(on: connection, writeIfMissing: true)
                    let value = try body(transaction(connection))
                    // Delivered at commit only, to every host's consoles (live refresh).
                    try connection.execute("SELECT pg_notify($1, '')", [Self.changeChannel])
                    return value
                }
                // Trusted from now on only once the value this process stored has committed.
                if storedKeyCheck { keyChecked.done = true }
                return value
            }
        }
    }

    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try mapErrors {
            if let standby, let value = try standby.read({ try readOnly(on: $0, body) }) { return value }
            return try pool.withConnection { try readOnly(on: $0, body) }
        }
    }

    private func readOnly<T>(on connection: PGConnection, _ body: (StoreTransaction) throws -> T) throws -> T {
        try inTransaction(connection, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
            try body(transaction(connection, reading: true))
        }
    }

    /// A dry run: the change is made and rolled back; the refusals and failures it met are then
    /// written again for real, as on SQLite (only rows this run signed).
    private func writeAndRollBack<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        var refusals: [AuditEntry] = []
        let value = try mapErrors {
            try pool.withConnection { connection in
                try connection.execute(Self.beginWrite)
                defer { _ = try? connection.execute("ROLLBACK") }
                try connection.execute("SELECT pg_advisory_xact_lock($1)", [Self.writeLock])
                let before = try connection.execute("SELECT coalesce(max(id), 0) FROM auditEntry").int64(0, 0) ?? 0
                let value = try body(transaction(connection))
                refusals = try PGRecord.decode(AuditEntry.self, from: connection.execute(
                    "SELECT \(PostgresAuditStore.columns) FROM auditEntry WHERE id > $1 AND outcome != 'success' ORDER BY id", [before]))
                return value
            }
        }
        let key = try auditKey()
        refusals = AuditAppend.signed(refusals, key: key)
        if !refusals.isEmpty {
            var real = self
            real.rollsBack = false
            try real.write { tx in
                guard let audit = tx.audit as? PostgresAuditStore else { return }
                for entry in refusals { try audit.reappend(entry) }
            }
        }
        return value
    }

    private func inTransaction<T>(_ connection: PGConnection, begin: String, _ body: () throws -> T) throws -> T {
        try connection.execute(begin)
        do {
            let value = try body()
            try connection.commit()
            return value
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// `reading`: a read-only snapshot, whose filters may keep their matches and sample the
    /// table for other transactions. A write's statements each see the latest commit, and a
    /// deferred load writes users without moving `userOrder.version`: what they found must not
    /// be kept under a version other readers are at.
    func transaction(_ connection: PGConnection, reading: Bool = false) -> StoreTransaction {
        StoreTransaction(
            users: PostgresUserStore(db: connection, counts: userCounts, kept: reading ? keptMatches : nil,
                                     nameSample: reading ? nameSample : nil),
            orgs: PostgresOrgStore(db: connection),
            groups: PostgresGroupStore(db: connection),
            sessions: PostgresSessionStore(db: connection),
            audit: PostgresAuditStore(db: connection, chainKey: auditKey),
            settings: PostgresSettingsStore(db: connection),
            credentials: PostgresCredentialStore(db: connection),
            outbox: PostgresOutboxStore(db: connection),
            elevations: PostgresElevationStore(db: connection),
            approvals: PostgresApprovalStore(db: connection),
            reviews: PostgresReviewStore(db: connection))
    }

    /// Compares the key file with the database's check value, once per process; the first
    /// write to a new database stores it (returns true then: the caller marks it checked
    /// once that write has committed).
    @discardableResult
    func checkKey(on connection: PGConnection, writeIfMissing: Bool) throws -> Bool {
        guard !keyChecked.done else { return false }
        let exists = try connection.execute("SELECT to_regclass('keycheck') IS NOT NULL").bool(0, 0) ?? false
        let stored = exists ? try connection.execute("SELECT value FROM keyCheck WHERE id = 1").text(0, 0) : nil
        guard stored != nil || (writeIfMissing && exists) else { return false }
        let expected = try secrets().checkValue
        if let stored {
            guard ConstantTime.equal(Array(stored.utf8), Array(expected.utf8)) else {
                throw RosterError.database(.wrongKeyFile("given to this host"))
            }
            keyChecked.done = true
            return false
        }
        try connection.execute("INSERT INTO keyCheck (id, value) VALUES (1, $1)", [expected])
        return true
    }

    /// Turns libpq's errors into sentences that say what happened and what to do.
    func mapErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PGError {
            if error.sqlState == "25006" {
                throw RosterError.database(.notOnThisBackend(
                    "\(pool.address.text) is read-only (a standby, or a primary being demoted); nothing was changed. Give roster the primary, or several hosts with target_session_attrs=read-write, and try again."))
            }
            if error.isFailover {
                throw RosterError.database(.unreachable(pool.address.text,
                    reason: "the connection was lost (\(error.message)); a change in progress was not acknowledged, so check it with `roster audit list` before repeating it"))
            }
            throw RosterError.database(.other("PostgreSQL: \(error.message)\(error.sqlState.map { " (SQLSTATE \($0))" } ?? "")"))
        }
    }

    public func rollingBack() -> any Stores {
        var copy = self
        copy.rollsBack = true
        return copy
    }

    /// PostgreSQL's own indexes serve filters; nothing is read ahead of the first page. (Taking
    /// the name sample as the console opened made its first rows about 4 ms later at a million
    /// users, median of twelve runs: `prepareForFilters` takes it once the page is read.)
    public func prepareForConsole() {}

    /// Takes the name sample (`NameSample`) the first filter to walk far would otherwise take
    /// (5–9 ms at a million users). On the primary, on a connection opened for it: a keystroke's
    /// reads (the page, the session check, the count) each want one, and the first to find none
    /// idle waited for a new one to open and fill its caches. A read-only console's reads go
    /// to a standby as its other reads do.
    public func prepareForFilters(for reader: (StoreTransaction) throws -> Bool) {
        if standby != nil {
            _ = try? read { tx in try Self.takeSampleAhead(tx, for: reader) }
        } else {
            _ = try? mapErrors {
                try pool.withConnection(opening: true) { connection in
                    try readOnly(on: connection) { tx in try Self.takeSampleAhead(tx, for: reader) }
                }
            }
        }
    }

    private static func takeSampleAhead(_ tx: StoreTransaction, for reader: (StoreTransaction) throws -> Bool) throws {
        guard try reader(tx), let users = tx.users as? PostgresUserStore else { return }
        try users.takeSampleAhead()
    }

    public func changeWatcher() throws -> (any ChangeWatching)? {
        try mapErrors { try PostgresChangeWatcher(address: pool.address) }
    }

    public func backup(to destination: String) throws -> BackupCheck {
        throw RosterError.database(.notOnThisBackend(
            "On PostgreSQL, back up with the server's tools: pg_dump -Fc (one database) or pg_basebackup (the cluster, for a standby). "
                + "Keep the key file apart from the dump; `roster audit verify --db ADDRESS` checks a restored copy. Nothing was written."))
    }

    /// PostgreSQL checks its own pages as it reads them (every read, with data checksums).
    /// What a restore can still get wrong is what `pg_restore` makes after the data: an index
    /// or trigger the migrations made and the restore lost (filters crawl, name copies stop
    /// following renames), or copies already out of step. Those make integrity not "ok";
    /// every Roster table is counted, and the audit chain walked.
    public func inspect(path: String) throws -> BackupCheck {
        try read { tx in
            let audit = try tx.audit.verify(head: nil)
            return try mapErrors {
                guard let db = (tx.users as? PostgresUserStore)?.db else { throw RosterError.database(.other("not a PostgreSQL transaction")) }
                let tables = try db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
                var counts: [String: Int] = [:]
                for name in (0..<tables.count).compactMap({ tables.text($0, 0) }) {
                    let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    counts[name] = try db.execute("SELECT count(*) FROM \(quoted)").int(0, 0) ?? 0
                }
                let applied = try db.execute("SELECT identifier FROM \(PostgresMigrator.table)")
                let identifiers = Set((0..<applied.count).compactMap { applied.text($0, 0) })
                let schema = PostgresMigrations.all.last { identifiers.contains($0.identifier) }?.identifier ?? "none"
                let problems = try restoreProblems(db, migrations: PostgresMigrations.all.filter { identifiers.contains($0.identifier) })
                return BackupCheck(path: path, integrity: problems.isEmpty ? "ok" : problems.joined(separator: "; "), audit: audit,
                                   users: counts["users"] ?? 0, orgs: counts["org"] ?? 0, schema: schema)
            }
        }
    }

    /// The indexes and triggers the applied migrations create that are missing, memberships
    /// whose copy of their user's name or search text is out of step, and counts kept by
    /// triggers that disagree with the users.
    private func restoreProblems(_ db: PGConnection, migrations: [(identifier: String, sql: String)]) throws -> [String] {
        let indexName = #/CREATE (?:UNIQUE )?INDEX\s+([A-Za-z_]+)/#
        let triggerName = #/CREATE TRIGGER\s+([A-Za-z_]+)/#
        func names(_ pattern: Regex<(Substring, Substring)>) -> [String] {
            migrations.flatMap { migration in migration.sql.matches(of: pattern).map { String($0.output.1) } }
        }
        let indexes = try db.execute("SELECT lower(indexname) FROM pg_indexes WHERE schemaname = current_schema()")
        let presentIndexes = Set((0..<indexes.count).compactMap { indexes.text($0, 0) })
        let triggers = try db.execute("SELECT lower(tgname) FROM pg_trigger WHERE NOT tgisinternal")
        let presentTriggers = Set((0..<triggers.count).compactMap { triggers.text($0, 0) })
        var problems = names(indexName).filter { !presentIndexes.contains($0.lowercased()) }.map { "index \($0) missing" }
        problems += names(triggerName).filter { !presentTriggers.contains($0.lowercased()) }.map { "trigger \($0) missing" }
        if migrations.contains(where: { $0.identifier == "p2-membership-order" }) {
            let stale = try db.execute("""
                SELECT count(*) FROM membership m JOIN users u ON u.id = m.userId
                    WHERE m.userNameKey IS DISTINCT FROM u.nameKey OR m.userSearch IS DISTINCT FROM u.searchText
                """).int(0, 0) ?? 0
            if stale > 0 { problems.append("\(stale) membership(s) with a stale copy of their user's name") }
        }
        // Kept by triggers: a restore that skipped them leaves exact counts of filters wrong.
        let applied = Set(migrations.map(\.identifier))
        let grams = applied.contains("p10-search-grams") ? try PostgresSearchGrams.outOfStep(db) : 0
        let domains = applied.contains("p12-search-domains") ? try PostgresSearchDomains.outOfStep(db) : 0
        if grams + domains > 0 {
            problems.append("\(grams) string count(s) and \(domains) domain count(s) out of step with the users, so filter counts "
                + "would be wrong (restored with triggers disabled?): restore again without --disable-triggers")
        }
        return problems
    }

    public func totalUsers() throws -> Int {
        try mapErrors { try pool.withConnection { try $0.execute("SELECT count(*) FROM users").int(0, 0) ?? 0 } }
    }

    public var warnings: [String] { [] }

    public func bulkLoad(_ body: (_ load: ([BulkUser]) throws -> Void) throws -> Void) throws {
        // Kept up to date row by row, the character index triples a million-user load; it is
        // built once at the end instead, whether the load finished or not.
        try mapErrors { try pool.withConnection { _ = try $0.execute("DROP INDEX IF EXISTS users_grams") } }
        let loaded = Result {
            try body { batch in
                try write { tx in
                    guard let users = tx.users as? PostgresUserStore else { return }
                    try users.bulkInsert(batch)
                }
            }
        }
        try mapErrors { try pool.withConnection { _ = try $0.execute(PostgresMigrations.usersGrams) } }
        try loaded.get()
        // Fresh statistics, so the planner knows the new million rows at once instead of after
        // autovacuum; and the visibility map, so a filter's walk of the name order reads the
        // index alone (`users_name` carries the search text) instead of every row it passes.
        try mapErrors {
            try pool.withConnection { connection in
                _ = try connection.execute("VACUUM (ANALYZE) users")
                _ = try connection.execute("ANALYZE membership")
            }
        }
    }
}

/// Whether this process has compared its key file with the database's check value yet.
final class KeyCheckState: Sendable {
    private let checked = Atomic<Bool>(false)

    var done: Bool {
        get { checked.load(ordering: .acquiring) }
        set { checked.store(newValue, ordering: .releasing) }
    }
}
