import Foundation
import GRDB
import Testing
@testable import RosterCore

@Suite("Bulk actions")
struct BulkTests {
    @Test("each user is changed on their own: one audit row each, refusals and no-ops listed, nothing silent")
    func partialFailures() throws {
        let f = try Fixture()
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        let operatorUser = try f.user("acc@example.com", .accountsAdmin, org: acme.id)
        for name in ["a", "b", "c"] { try f.user("\(name)@example.com", .standard, org: acme.id) }
        try f.user("boss@example.com", .operationsAdmin, org: acme.id)
        let already = try f.roster.users.find("c@example.com", by: f.root)
        _ = try f.roster.users.lock(already.id, by: f.root)
        let audits = try f.auditCount()
        let report = try f.roster.bulk(.lock, on: UserSelection(org: acme.id), by: f.actor(operatorUser))
        #expect(report.selected == 5)
        #expect(report.done.sorted() == ["a@example.com", "b@example.com"])
        #expect(report.unchanged.map(\.email) == ["c@example.com"])
        // Outranked, and their own account: refused by the same Policy as a single lock.
        #expect(Set(report.refused.map(\.email)) == ["acc@example.com", "boss@example.com"])
        let added = try f.auditCount() - audits
        let rows = try f.roster.database.read { db in
            try String.fetchAll(db, sql: "SELECT action || ':' || outcome FROM auditEntry ORDER BY id DESC LIMIT ?", arguments: [added])
        }
        #expect(rows.filter { $0 == "user.lock:success" }.count == 2)
        #expect(rows.filter { $0 == "user.lock:denied" }.count == 2)
    }

    @Test("confirm sees the count before anything changes, and may stop it; progress may cancel between users")
    func confirmAndCancel() throws {
        let f = try Fixture()
        for index in 0..<6 { try f.user("u\(index)@example.com", .standard) }
        struct No: Error {}
        var seen = 0
        #expect(throws: No.self) {
            try f.roster.bulk(.lock, on: UserSelection(role: .standard), by: f.root, confirm: { seen = $0; throw No() })
        }
        #expect(seen == 6)
        #expect(try f.roster.users.select(UserSelection(locked: true), by: f.root).users.isEmpty)
        let report = try f.roster.bulk(.lock, on: UserSelection(role: .standard), by: f.root, progress: { done, _ in done < 2 })
        #expect(report.cancelled && report.done.count == 2)
        #expect(try f.roster.users.select(UserSelection(locked: true), by: f.root).users.count == 2)
    }
}
