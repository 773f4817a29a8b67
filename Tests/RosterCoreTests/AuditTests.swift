import Foundation
import GRDB
import Testing
@testable import RosterCore

@Suite("Audit chain")
struct AuditTests {
    static func withHistory() throws -> Fixture {
        let f = try Fixture()
        let admin = try f.actor(f.user("root@example.com", .administrator))
        let user = try f.user("u@example.com", .standard)
        _ = try f.roster.users.lock(user.id, by: admin)
        _ = try f.roster.users.unlock(user.id, by: admin)
        return f
    }

    @Test("a fresh trail verifies intact", arguments: Backend.all)
    func intact(_ backend: Backend) throws {
        let f = try Self.withHistory()
        #expect(try f.roster.audit.verify() == .intact(rows: 4))
        #expect(try Fixture(backend).roster.audit.verify() == .intact(rows: 0))
    }

    @Test("every row names time, actor, IP, action, target and outcome")
    func rowsCarryWho() throws {
        let f = try Self.withHistory()
        let lock = try #require(try f.roster.audit.recent(limit: 10).first { $0.action == "user.lock" })
        #expect(lock.actor == "root@example.com" && lock.actorIP == "192.0.2.7")
        #expect(lock.target == "u@example.com" && lock.outcome == .success)
        #expect(lock.at == AuditChain.storedTime(f.clock.now))
    }

    @Test("editing any field of a row breaks the chain at that row", arguments: ["actor", "action", "outcome", "details", "at", "target"])
    func editedRow(column: String) throws {
        let f = try Self.withHistory()
        try f.database.write { db in
            let value: DatabaseValueConvertible = switch column {
            case "outcome": "denied"
            case "at": Date(timeIntervalSince1970: 0)
            default: "tampered"
            }
            try db.execute(sql: "UPDATE auditEntry SET \(column) = ? WHERE id = 3", arguments: [value])
        }
        guard case .broken(let row, _, let checked) = try f.roster.audit.verify() else {
            Issue.record("tampering was not detected")
            return
        }
        #expect(row == 3 && checked == 2)
    }

    @Test("removing a row in the middle breaks the chain after it")
    func removedRow() throws {
        let f = try Self.withHistory()
        try f.database.write { db in try db.execute(sql: "DELETE FROM auditEntry WHERE id = 2") }
        let result = try f.roster.audit.verify()
        guard case .broken(let row, _, _) = result else {
            Issue.record("removal was not detected: \(result)")
            return
        }
        #expect(row == 3)
    }

    @Test("a denial's audit row commits even though the call throws", arguments: Backend.all)
    func deniedRowCommits(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let ro = try f.actor(f.user("ro@example.com", .readOnly, kind: .readOnly))
        let target = try f.user("t@example.com", .standard)
        #expect(throws: Denial.readOnlyActor) { try f.roster.users.lock(ro.userId ?? target.id, by: ro) }
        let row = try f.lastAudit()
        #expect(row.outcome == .denied && row.details.contains("read-only-actor"))
        #expect(try f.roster.audit.verify() == .intact(rows: 3))
    }

    @Test("the actor IP comes from SSH_CONNECTION, else SSH_CLIENT")
    func operatorIP() {
        #expect(Roster.operatorIP(["SSH_CONNECTION": "203.0.113.9 51000 10.0.0.1 22"]) == "203.0.113.9")
        #expect(Roster.operatorIP(["SSH_CLIENT": "2001:db8::1 51000 22"]) == "2001:db8::1")
        #expect(Roster.operatorIP([:]) == nil)
    }
}
