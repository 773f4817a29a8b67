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
        try f.roster.database.write { db in
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

    @Test("a damaged timestamp is a broken row, not a crash")
    func damagedTimestamp() throws {
        let f = try AuditTests.withHistory()
        try f.roster.database.write { db in try db.execute(sql: "UPDATE auditEntry SET at = 'not a time' WHERE id = 2") }
        guard case .broken(let row, let reason, let checked) = try f.roster.audit.verify() else { Issue.record("not detected"); return }
        #expect(row == 2 && checked == 1 && reason.contains("damaged"), "\(reason)")
    }

    @Test("a recorded head proves the newest rows were not cut off")
    func head() throws {
        let f = try AuditTests.withHistory()
        let head = try #require(try f.roster.audit.head(by: f.root))
        #expect(AuditHead(head.text) == head)
        #expect(try f.roster.audit.verify(head: head) == .intact(rows: 4))
        try f.roster.database.write { db in try db.execute(sql: "DELETE FROM auditEntry WHERE id >= 3") }
        #expect(try f.roster.audit.verify() == .intact(rows: 2), "the chain alone can't see a cut at the end")
        guard case .broken(let row, let reason, _) = try f.roster.audit.verify(head: head) else { Issue.record("not detected"); return }
        #expect(row == head.id && reason.contains("removed"), "\(reason)")
        let standard = try f.actor(f.user("s@example.com", .standard))
        #expect(throws: Denial.cannotView(.auditTrail)) { try f.roster.audit.head(by: standard) }
    }

    @Test("an old SHA-256 trail upgrades in place: the next write records the switch, and both parts verify")
    func upgrade() throws {
        let path = try DatabaseTests.scratch() + "/r.sqlite"
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v5-source-throttle-sealed-outbox")
        // Two rows in the old chain, as an older roster wrote them.
        try queue.write { db in
            var previous = AuditChain.genesis
            for id in Int64(1)...2 {
                var entry = AuditEntry(id: id, at: Date(timeIntervalSince1970: 1_700_000_000), actorId: nil, actor: "system:init",
                                       actorIP: nil, action: "org.create", targetId: nil, target: nil, orgId: nil, org: "Org \(id)",
                                       outcome: .success, details: "{}", previousHash: previous, hash: "", chain: 1)
                entry.hash = AuditChain.hash(of: entry, previousHash: previous)
                try db.execute(sql: """
                    INSERT INTO auditEntry (id, at, actor, action, org, outcome, details, previousHash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [entry.id, entry.at, entry.actor, entry.action, entry.org, entry.outcome.rawValue, entry.details,
                                     entry.previousHash, entry.hash])
                previous = entry.hash
            }
        }
        try queue.close()
        let f = try Fixture(database: try AppDatabase.open(path: path))
        _ = try f.roster.orgs.create(name: "After", by: f.root)
        let rows = try f.roster.audit.recent(limit: 10)
        #expect(rows.map(\.action) == ["org.create", "audit.chain-upgrade", "org.create", "org.create"])
        #expect(rows.map(\.chain) == [2, 2, 1, 1])
        #expect(try f.roster.audit.verify() == .intact(rows: 4))
    }
}

extension KeyedAuditTests {
    @Test("a trail turned back into the old chain (keyed rows rewritten as SHA-256 ones) is not reported intact")
    func downgraded() throws {
        let f = try AuditTests.withHistory()
        try f.roster.database.write { db in
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
        #expect(reason.contains("no row is in the keyed chain"), "\(reason)")
    }
}
