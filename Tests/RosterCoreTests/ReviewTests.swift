import Foundation
import Testing
@testable import RosterCore

@Suite("Access reviews")
struct ReviewTests {
    /// Acme with its admin Lead, and members Ana (in the Ops group) and Bo.
    struct Acme {
        let org: Org
        let lead: User
        let ana: User
        let bo: User
    }

    static func acme(_ f: Fixture) throws -> Acme {
        let org = try f.roster.orgs.create(name: "Acme", by: f.root)
        let lead = try f.user("lead@example.com", .standard, org: org.id, orgRole: .orgAdmin)
        let ana = try f.user("ana@example.com", .standard, org: org.id)
        let bo = try f.user("bo@example.com", .standard, org: org.id)
        let ops = try f.roster.groups.create(name: "Ops", in: org.id, by: f.root)
        _ = try f.roster.groups.addMember(ana.id, to: ops.id, by: f.root)
        return Acme(org: org, lead: lead, ana: ana, bo: bo)
    }

    @Test("a review lists every member as they are; decisions wait; submit applies them in one go, one audit row each", arguments: Backend.all)
    func wholeReview(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let a = try Self.acme(f)
        let lead = try f.actor(a.lead)
        let sheet = try f.roster.reviews.start(a.org.id, by: lead)
        let id = try #require(sheet.review.id)
        #expect(sheet.items.map(\.email).sorted() == ["ana@example.com", "bo@example.com", "lead@example.com"])
        let ana = try #require(sheet.items.first { $0.email == "ana@example.com" })
        #expect(ana.orgRole == .member && ana.groupNames == "Ops" && ana.systemRole == nil, "the org admin doesn't see system roles")
        _ = try f.roster.reviews.decide(id, user: a.ana.id, .role(.readOnly), by: lead)
        _ = try f.roster.reviews.decide(id, user: a.bo.id, .remove, by: lead)
        #expect(throws: ReviewProblem.undecided(1)) { try f.roster.reviews.submit(id, by: lead) }
        #expect(try f.roster.orgs.members(of: a.org.id, by: f.root).count == 3, "nothing applied before submit")
        _ = try f.roster.reviews.decide(id, user: a.lead.id, .keep, by: lead)
        let rows = try f.auditCount()
        let submitted = try f.roster.reviews.submit(id, by: lead)
        #expect(submitted.review.submittedBy == "lead@example.com")
        let members = try f.roster.orgs.members(of: a.org.id, by: f.root)
        #expect(members.map(\.email.value).sorted() == ["ana@example.com", "lead@example.com"])
        #expect(members.first { $0.userId == a.ana.id }?.role == .readOnly)
        #expect(try f.auditCount() == rows + 3, "one row per change and one for the review")
        #expect(try f.lastAudit().action == "review.submit")
        #expect(try f.roster.orgs.find("Acme", by: f.root).lastReviewedAt == f.clock.now)
        // Kept and readable later.
        let kept = try f.roster.reviews.show(id, by: lead)
        #expect(kept.items.first { $0.email == "bo@example.com" }?.decision == "remove")
        #expect(throws: ReviewProblem.submitted(id.rawValue)) { try f.roster.reviews.submit(id, by: lead) }
    }

    @Test("submitting after a member left is refused, audited, and applies nothing", arguments: Backend.all)
    func memberLeft(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let a = try Self.acme(f)
        let lead = try f.actor(a.lead)
        let id = try #require(try f.roster.reviews.start(a.org.id, by: lead).review.id)
        for user in [a.lead, a.ana, a.bo] { _ = try f.roster.reviews.decide(id, user: user.id, user.id == a.ana.id ? .remove : .keep, by: lead) }
        try f.roster.orgs.removeMember(a.bo.id, from: a.org.id, by: f.root)
        #expect(throws: Denial.reviewOutOfDate("bo@example.com left Acme or got another org role")) { try f.roster.reviews.submit(id, by: lead) }
        #expect(try f.lastAudit().outcome == .denied && f.lastAudit().action == "review.submit")
        #expect(try f.roster.orgs.members(of: a.org.id, by: f.root).contains { $0.userId == a.ana.id }, "Ana's removal was not applied")
        #expect(try f.roster.reviews.show(id, by: lead).review.isOpen)
    }

    @Test("a rule refused part way undoes the whole submit: the last org admin stays", arguments: Backend.all)
    func partWay(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let a = try Self.acme(f)
        let admin = try f.actor(try f.user("root@example.com", .administrator))
        let id = try #require(try f.roster.reviews.start(a.org.id, by: admin).review.id)
        _ = try f.roster.reviews.decide(id, user: a.ana.id, .remove, by: admin)
        _ = try f.roster.reviews.decide(id, user: a.bo.id, .keep, by: admin)
        _ = try f.roster.reviews.decide(id, user: a.lead.id, .role(.member), by: admin)
        #expect(throws: Denial.lastOrgAdmin(org: "Acme")) { try f.roster.reviews.submit(id, by: admin) }
        #expect(try f.roster.orgs.members(of: a.org.id, by: f.root).count == 3, "Ana's removal was rolled back with it")
    }

    @Test("org admins review their own orgs; administrators any; others are refused or don't see it", arguments: Backend.all)
    func whoMayReview(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let a = try Self.acme(f)
        let ops = try f.actor(try f.user("ops@example.com", .operationsAdmin))
        #expect(throws: Denial.orgNotPermitted(.reviewMembers)) { try f.roster.reviews.start(a.org.id, by: ops) }
        #expect(throws: Denial.orgNotPermitted(.reviewMembers)) { try f.roster.reviews.start(a.org.id, by: try f.actor(a.ana)) }
        let sheet = try f.roster.reviews.start(a.org.id, by: try f.actor(a.lead))
        #expect(throws: ReviewProblem.alreadyOpen(sheet.review.id?.rawValue ?? 0, org: "Acme")) {
            try f.roster.reviews.start(a.org.id, by: f.root)
        }
        #expect(try f.roster.reviews.list(by: ops).count == 1, "operations admins read every review")
        #expect(try f.roster.reviews.list(by: try f.actor(a.ana)).isEmpty)
    }

    @Test("each org's next review is due its interval after the last (or its creation); overdue after", arguments: Backend.all)
    func due(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let a = try Self.acme(f)
        #expect(ReviewDue.of(a.org, at: f.clock.now) == .due(a.org.createdAt.addingTimeInterval(90 * 86_400)))
        let weekly = try f.roster.orgs.setReviewInterval(a.org.id, days: 7, by: f.root)
        #expect(weekly.reviewIntervalDays == 7)
        #expect(ReviewDue.of(weekly, at: f.clock.now.addingTimeInterval(10 * 86_400)) == .overdue(days: 3))
        #expect(throws: Denial.orgNotPermitted(.setReviewInterval)) {
            try f.roster.orgs.setReviewInterval(a.org.id, days: 30, by: try f.actor(a.lead))
        }
    }
}
