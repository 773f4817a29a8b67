import Crypto
import Foundation
import GRDB
import Testing
@testable import RosterCore

/// The keyed audit chain (issue: security model, item 8): what an editor of the database
/// file, without the key file, can't rebuild.
@Suite("Keyed audit chain")
struct KeyedAuditTests {
    @Test("an edited row re-hashed the old way (SHA-256, no key) is still caught")
    func rebuiltWithoutKey() throws {
        let f = try AuditTests.withHistory()
        try f.database.write { db in
            try db.execute(sql: "UPDATE auditEntry SET actor = 'mallory@example.com' WHERE id = 3")
            let row = try #require(try AuditEntry.fetchOne(db, key: 3))
            try db.execute(sql: "UPDATE auditEntry SET hash = ? WHERE id = 3", arguments: [AuditChain.hash(of: row, previousHash: row.previousHash)])
            try db.execute(sql: "UPDATE auditEntry SET chain = 1 WHERE id = 3")
        }
        guard case .broken(let row, let reason, _) = try f.roster.audit.verify() else { Issue.record("not detected"); return }
        #expect(row == 3 && reason.contains("old, unkeyed chain"), "\(reason)")
    }

    @Test("fields are length-prefixed and nil is not empty: moving text between columns changes the MAC")
    func lengthPrefixed() throws {
        let key = SymmetricKey(size: .bits256)
        let base = AuditEntry(id: 1, at: Date(timeIntervalSince1970: 1_790_000_000), actorId: nil, actor: "a", actorIP: nil,
                              action: "x", targetId: nil, target: "ab", orgId: nil, org: "c", outcome: .success, details: "{}",
                              previousHash: AuditChain.genesis, hash: "", chain: 2)
        var moved = base
        moved.target = "a"
        moved.org = "bc"
        var empty = base
        empty.actorIP = ""
        let mac = AuditChain.keyedHash(of: base, previousHash: AuditChain.genesis, key: key)
        #expect(mac != AuditChain.keyedHash(of: moved, previousHash: AuditChain.genesis, key: key))
        #expect(mac != AuditChain.keyedHash(of: empty, previousHash: AuditChain.genesis, key: key))
        #expect(mac != AuditChain.keyedHash(of: base, previousHash: AuditChain.genesis, key: SymmetricKey(size: .bits256)))
    }

    @Test("the MAC is HMAC-SHA256 over the previous hash and the fields, each tagged and length-prefixed, as documented")
    func documentedLayout() throws {
        // Worked out apart from roster (Python's hmac over the layout AuditChain.appendField
        // describes), so a change to the bytes, which would break every stored trail, fails here.
        let entry = AuditEntry(id: 1, at: Date(timeIntervalSince1970: 1_790_000_000), actorId: UserID(rawValue: 7),
                               actor: "Ada Admin <ada@example.com>", actorIP: "10.0.0.5", action: "user.create",
                               targetId: UserID(rawValue: 12), target: "mei@example.com", orgId: nil, org: nil, outcome: .success,
                               details: #"{"role":"standard"}"#, previousHash: AuditChain.genesis, hash: "", chain: 2)
        let key = SymmetricKey(data: Array(repeating: UInt8(42), count: 32))
        #expect(AuditChain.keyedHash(of: entry, previousHash: AuditChain.genesis, key: key)
            == "dbaf5c8677cd31da455b613614081985b4f5af83a2272c8124bdca9ab04a5886")
    }

    @Test("a damaged timestamp is a broken row, not a crash")
    func damagedTimestamp() throws {
        let f = try AuditTests.withHistory()
        try f.database.write { db in try db.execute(sql: "UPDATE auditEntry SET at = 'not a time' WHERE id = 2") }
        guard case .broken(let row, let reason, let checked) = try f.roster.audit.verify() else { Issue.record("not detected"); return }
        #expect(row == 2 && checked == 1 && reason.contains("damaged"), "\(reason)")
    }

    @Test("a recorded head proves the newest rows were not cut off")
    func head() throws {
        let f = try AuditTests.withHistory()
        let head = try #require(try f.roster.audit.head(by: f.root))
        #expect(AuditHead(head.text) == head)
        #expect(try f.roster.audit.verify(head: head) == .intact(rows: 4))
        try f.database.write { db in try db.execute(sql: "DELETE FROM auditEntry WHERE id >= 3") }
        #expect(try f.roster.audit.verify() == .intact(rows: 2), "the chain alone can't see a cut at the end")
        guard case .broken(let row, let reason, _) = try f.roster.audit.verify(head: head) else { Issue.record("not detected"); return }
        #expect(row == head.id && reason.contains("removed"), "\(reason)")
        let standard = try f.actor(f.user("s@example.com", .standard))
        #expect(throws: Denial.cannotView(.auditTrail)) { try f.roster.audit.head(by: standard) }
    }

    @Test("an old SHA-256 trail upgrades once, when the database is opened: a keyed row vouches for exactly the old rows, and both parts verify")
    func upgrade() throws {
        let path = try Self.legacyDatabase(rows: 2)
        let f = try Fixture(database: try AppDatabase.open(path: path, secrets: Self.secrets))
        let upgraded = try f.roster.audit.recent(limit: 10)
        #expect(upgraded.map(\.action) == ["audit.chain-upgrade", "org.create", "org.create"])
        #expect(upgraded.first?.details.contains("\"legacyRows\":\"2\"") == true)
        #expect(upgraded.first?.details.contains(upgraded[1].hash) == true, "names the last old row's hash")
        #expect(try f.roster.audit.chainUpgrade()?.id == 3, "verify can say where and when the keyed chain began")
        #expect(try AuditTests.withHistory().roster.audit.chainUpgrade() == nil, "a trail keyed from its first row has none")
        _ = try f.roster.orgs.create(name: "After", by: f.root)
        let rows = try f.roster.audit.recent(limit: 10)
        #expect(rows.map(\.action) == ["org.create", "audit.chain-upgrade", "org.create", "org.create"])
        #expect(rows.map(\.chain) == [2, 2, 1, 1])
        #expect(try f.roster.audit.verify() == .intact(rows: 4))
    }

    @Test("a trail upgraded by an earlier roster on its first write (an upgrade row naming fromRow) still verifies, and is not upgraded twice")
    func upgradedByEarlierRoster() throws {
        let path = try Self.legacyDatabase(rows: 3, thenKeyed: AuditChain.upgradeAction, details: #"{"chain":"hmac-sha256","fromRow":"3"}"#)
        let f = try Fixture(database: try AppDatabase.open(path: path, secrets: Self.secrets))
        #expect(try f.roster.audit.verify() == .intact(rows: 4))
        _ = try f.roster.orgs.create(name: "After", by: f.root)
        #expect(try f.roster.audit.verify() == .intact(rows: 5))
    }

    @Test("keyed rows right after old ones, with no upgrade row vouching for them, are a broken trail")
    func keyedWithoutUpgradeRow() throws {
        let path = try Self.legacyDatabase(rows: 2, thenKeyed: "org.create", details: "{}")
        let f = try Fixture(database: try AppDatabase.open(path: path, secrets: Self.secrets))
        guard case .broken(let row, let reason, _) = try f.roster.audit.verify() else { Issue.record("not detected"); return }
        #expect(row == 3 && reason.contains("without the upgrade row"), "\(reason)")
    }

    @Test("an old trail whose own rows don't hold together is not vouched for by the upgrade")
    func brokenLegacyIsNotUpgraded() throws {
        let path = try Self.legacyDatabase(rows: 3)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "UPDATE auditEntry SET org = 'Edited' WHERE id = 2") }
        try queue.close()
        let f = try Fixture(database: try AppDatabase.open(path: path, secrets: Self.secrets))
        #expect(try f.roster.audit.recent(limit: 10).allSatisfy { $0.chain == 1 })
        guard case .broken(let row, _, _) = try f.roster.audit.verify() else { Issue.record("not detected"); return }
        #expect(row == 2)
        #expect(throws: RosterError.self) { try f.roster.orgs.create(name: "After", by: f.root) }
    }

    @Test("an old trail can't be upgraded without its key file: opening says so and writes nothing")
    func upgradeNeedsKey() throws {
        let path = try Self.legacyDatabase(rows: 1)
        #expect(throws: RosterError.self) { try AppDatabase.open(path: path) }
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM auditEntry") } == 1)
    }
}

extension KeyedAuditTests {
    @Test("the forged trail: every row deleted and old-format rows written from the start is broken at row 1, and no write vouches for it")
    func forgedFromTheStart() throws {
        let f = try AuditTests.withHistory()
        try f.database.write { db in
            try db.execute(sql: "DELETE FROM auditEntry")
            try Self.writeLegacyRows(db, count: 3, hasChainColumn: true)
        }
        guard case .broken(let row, let reason, _) = try f.roster.audit.verify() else { Issue.record("the forgery verified"); return }
        #expect(row == 1 && reason.contains("old, unkeyed chain"), "\(reason)")
        // A failed sign-in is a write too: it is refused, and nothing is added to the forged trail.
        #expect(throws: RosterError.self) { try f.roster.auth.signIn(email: "u@example.com", password: "wrong password", ip: nil, client: "cli") }
        #expect(throws: RosterError.database(.auditTrailBroken(row: 3, reason: "the newest row is in the old, unkeyed chain, which only the one-time upgrade may continue (rows were rewritten)"))) {
            try f.roster.orgs.create(name: "After", by: f.root)
        }
        #expect(try f.auditCount() == 3)
        #expect(try f.roster.orgs.all(by: f.root).isEmpty, "the change was not made either")
        guard case .broken(let after, _, _) = try f.roster.audit.verify() else { Issue.record("the forgery verified after a write"); return }
        #expect(after == 1)
    }

    @Test("an edited newest row stops every write: the chain is never continued from a row whose MAC fails")
    func editedTipRefusesWrites() throws {
        let f = try AuditTests.withHistory()
        try f.database.write { db in try db.execute(sql: "UPDATE auditEntry SET actor = 'mallory' WHERE id = 4") }
        #expect(throws: RosterError.self) { try f.roster.orgs.create(name: "After", by: f.root) }
        #expect(try f.auditCount() == 4)
    }

    /// Inserts a keyed row signed with the test key, as only a holder of the key file could.
    static func insertKeyed(_ db: Database, id: Int64, previousHash: String, action: String, details: String) throws {
        var entry = AuditEntry(id: id, at: Date(timeIntervalSince1970: 1_700_000_100), actorId: nil, actor: "system:audit",
                               actorIP: nil, action: action, targetId: nil, target: nil, orgId: nil, org: nil,
                               outcome: .success, details: details, previousHash: previousHash, hash: "", chain: 2)
        entry.hash = AuditChain.keyedHash(of: entry, previousHash: previousHash, key: try secrets().auditChainKey)
        try entry.insert(db)
    }
}

extension KeyedAuditTests {
    static let secrets: @Sendable () throws -> SecretBox = { try SecretBox(keyBytes: Array(repeating: 42, count: 32)) }

    /// A database file as an older roster left it: migrated up to v5, with `rows` rows in the
    /// old SHA-256 chain.
    static func legacyDatabase(rows: Int64) throws -> String {
        let path = try DatabaseTests.scratch() + "/r.sqlite"
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v5-source-throttle-sealed-outbox")
        try queue.write { db in try writeLegacyRows(db, count: rows) }
        try queue.close()
        return path
    }

    /// As `legacyDatabase(rows:)`, migrated up to v10 (as the previous roster left it), with
    /// one keyed row after the old ones, as only a holder of the key file could write it.
    static func legacyDatabase(rows: Int64, thenKeyed action: String, details: String) throws -> String {
        let path = try legacyDatabase(rows: rows)
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v10-never-signed-in")
        try queue.write { db in
            let last = try #require(try String.fetchOne(db, sql: "SELECT hash FROM auditEntry WHERE id = ?", arguments: [rows]))
            try insertKeyed(db, id: rows + 1, previousHash: last, action: action, details: details)
        }
        try queue.close()
        return path
    }

    /// Writes rows 1…count in the old chain, as an older roster (or a forger without the key) would.
    static func writeLegacyRows(_ db: Database, count: Int64, hasChainColumn: Bool = false) throws {
        var previous = AuditChain.genesis
        for id in Int64(1)...count {
            var entry = AuditEntry(id: id, at: Date(timeIntervalSince1970: 1_700_000_000), actorId: nil, actor: "system:init",
                                   actorIP: nil, action: "org.create", targetId: nil, target: nil, orgId: nil, org: "Org \(id)",
                                   outcome: .success, details: "{}", previousHash: previous, hash: "", chain: 1)
            entry.hash = AuditChain.hash(of: entry, previousHash: previous)
            try db.execute(sql: """
                INSERT INTO auditEntry (id, at, actor, action, org, outcome, details, previousHash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.id, entry.at, entry.actor, entry.action, entry.org, entry.outcome.rawValue, entry.details,
                                 entry.previousHash, entry.hash])
            if hasChainColumn { try db.execute(sql: "UPDATE auditEntry SET chain = 1 WHERE id = ?", arguments: [id]) }
            previous = entry.hash
        }
    }
}

extension KeyedAuditTests {
    @Test("a trail turned back into the old chain (keyed rows rewritten as SHA-256 ones) is not reported intact")
    func downgraded() throws {
        let f = try AuditTests.withHistory()
        try f.database.write { db in
            var previous = AuditChain.genesis
            for var entry in try AuditEntry.fetchAll(db, sql: "SELECT * FROM auditEntry ORDER BY id") {
                entry.chain = 1
                entry.previousHash = previous
                entry.hash = AuditChain.hash(of: entry, previousHash: previous)
                try entry.update(db)
                previous = entry.hash
            }
        }
        guard case .broken(_, let reason, _) = try f.roster.audit.verify() else { Issue.record("the downgrade was not caught"); return }
        #expect(reason.contains("no keyed upgrade row vouches"), "\(reason)")
    }
}

extension KeyedAuditTests {
    @Test("a file never opened by this roster says so on verify, rather than calling its old rows forged")
    func notYetUpgraded() throws {
        let path = try Self.legacyDatabase(rows: 2)
        let roster = Roster(database: try AppDatabase.openReadOnly(path: path),
                            environment: CoreEnvironment(now: { Date() }, randomBytes: { [UInt8](repeating: 7, count: $0) },
                                                         passwordHasher: PasswordHasher(parameters: .testing), secrets: Self.secrets))
        guard case .broken(_, let reason, _) = try roster.audit.verify() else { Issue.record("verified"); return }
        #expect(reason.contains("never opened by this version"), "\(reason)")
    }
}
