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
        let rows = try f.database.read { db in
            try String.fetchAll(db, sql: "SELECT action || ':' || outcome FROM auditEntry ORDER BY id DESC LIMIT ?", arguments: [added])
        }
        #expect(rows.filter { $0 == "user.lock:success" }.count == 2)
        #expect(rows.filter { $0 == "user.lock:denied" }.count == 2)
    }

    @Test("confirm sees the count before anything changes, and may stop it; progress may cancel between users", arguments: Backend.all)
    func confirmAndCancel(_ backend: Backend) throws {
        let f = try Fixture(backend)
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

    @Test("users picked one by one: each acted on, one the actor can no longer see (deleted) listed as refused", arguments: Backend.all)
    func pickedUsers(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let a = try f.user("a@example.com", .standard).id
        let b = try f.user("b@example.com", .standard).id
        let gone = try f.user("gone@example.com", .standard).id
        _ = try f.roster.users.delete(gone, by: f.root)
        let report = try f.roster.bulk(.lock, on: .users([a, gone, b]), by: f.root)
        #expect(report.selected == 3)
        #expect(report.done == ["a@example.com", "b@example.com"])
        #expect(report.refused.map(\.email) == ["user \(gone.rawValue)"])
        #expect(try f.roster.users.select(UserSelection(locked: true), by: f.root).users.count == 2)
    }

    @Test("a selection less the users unmarked after marking all", arguments: Backend.all)
    func matchingExcept(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let keep = try f.user("keep@example.com", .standard).id
        for index in 0..<3 { try f.user("u\(index)@example.com", .standard) }
        let report = try f.roster.bulk(.lock, on: .matching(UserSelection(role: .standard), except: [keep]), by: f.root)
        #expect(report.selected == 3 && report.done.count == 3)
        #expect(try f.roster.users.profile(keep, by: f.root).lockedByAdmin == false)
    }

    @Test("the actor is read again every batch: one demoted mid-run is refused from the next batch on", arguments: Backend.all)
    func actorReadAgain(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.user("acc@example.com", .accountsAdmin)
        let ids = try (0..<5).map { try f.user("u\($0)@example.com", .standard).id }
        var reads = 0
        var demoted: User?
        let report = try f.roster.bulk(.lock, on: .users(ids), by: f.actor(admin), refreshActor: {
            reads += 1
            // Demoted by someone else after the first batch.
            if demoted == nil { demoted = try f.roster.users.changeRole(admin.id, to: .standard, by: f.root) }
            return try f.actor(demoted ?? admin)
        }, batch: 2)
        #expect(reads == 2)
        #expect(report.done.count == 2)
        #expect(report.refused.count == 3)
    }
}

