import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("Access reviews from the orgs screen", .serialized)
struct ReviewConsoleTests {
    /// The orgs screen with the first org's review open.
    static func reviewing(size: Size = Size(width: 80, height: 24)) throws -> Harness {
        var h = try Harness(size: size)
        h.press("2", "v")
        return h
    }

    static func review(_ h: Harness) throws -> ReviewState {
        try #require(h.state.shown(OrgsFeature.self)?.review)
    }

    @Test("v opens a review of the selected org: every member with org role, role, last sign-in, MFA, keys, groups")
    func opens() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var h = try Self.reviewing(size: size)
            let review = try Self.review(h)
            let sheet = try #require(review.sheet)
            let org = try #require(h.state.shown(OrgsFeature.self)?.selectedRow?.org)
            #expect(sheet.review.orgId == org.id)
            #expect(sheet.items.count == (try h.roster.orgs.members(of: org.id, by: .system("test"))).count)
            h.press("y", "x")
            try assertGolden(h.screen().text, named: "review-\(size.width)x\(size.height)")
        }
    }

    @Test("decisions are kept as they are taken; submit asks, then applies them all; the review stays readable")
    func lastAdminRefused() throws {
        var h = try Self.reviewing()
        for _ in 0..<50 where try Self.review(h).sheet?.undecided ?? 0 > 0 { h.press("x") }
        #expect(try Self.review(h).sheet?.undecided == 0, "\(String(describing: h.state.shown(OrgsFeature.self)?.notice))")
        h.press("S", .tab, .enter)
        #expect(h.state.shown(OrgsFeature.self)?.notice?.hasSuffix("make another member org admin first.") == true,
                "removing everyone would leave no org admin: refused, nothing applied")
        let org = try #require(try Self.review(h).sheet?.review.orgId)
        #expect(try h.roster.orgs.members(of: org, by: .system("test")).count == (try Self.review(h).sheet?.items.count))
    }

    @Test("submit asks, then applies every decision at once")
    func decideAndSubmit() throws {
        var h = try Self.reviewing()
        // The first member is the org's last admin: the second is the one removed.
        let second = try #require(try Self.review(h).sheet?.items.dropFirst().first)
        h.press("j", "x")
        #expect(try Self.review(h).sheet?.items[1].decision == "remove")
        let id = try #require(try Self.review(h).sheet?.review.id)
        #expect(try h.roster.reviews.show(id, by: .system("test")).items[1].decision == "remove", "stored at once")
        h.press("S")
        #expect(h.state.shown(OrgsFeature.self)?.notice?.contains("no decision yet") == true)
        // From the top, each key decides and moves on: keep all but the second.
        let count = try #require(try Self.review(h).sheet?.items.count)
        for _ in 0..<count { h.press("k") }
        for index in 0..<count { h.press(index == 1 ? "x" : "y") }
        #expect(try Self.review(h).sheet?.undecided == 0)
        h.press("S")
        let dialog = try #require(try Self.review(h).dialog)
        #expect(dialog.message.joined().contains("1 member removed"), "\(dialog.message)")
        h.press(.tab, .enter)
        #expect(h.state.shown(OrgsFeature.self)?.notice?.hasPrefix("Submitted review #\(id.rawValue)") == true,
                "\(String(describing: h.state.shown(OrgsFeature.self)?.notice))")
        let org = try #require(try Self.review(h).sheet?.review.orgId)
        #expect(!(try h.roster.orgs.members(of: org, by: .system("test"))).contains { $0.userId == second.userId })
        #expect(try Self.review(h).sheet?.review.submittedAt != nil, "shown as submitted, not started again")
        h.press(.escape)
        #expect(h.state.shown(OrgsFeature.self)?.review == nil)
        #expect(h.screen().text.contains("Review due"))
    }

    @Test("o gives another org role, again for the next; the decision column says which")
    func otherRole() throws {
        var h = try Self.reviewing()
        let item = try #require(try Self.review(h).sheet?.items.first)
        h.press("o")
        let first = try #require(try Self.review(h).sheet?.items.first?.decided)
        #expect(first != .keep && first != .remove && first != .role(item.orgRole))
        h.press("k", "o")
        #expect(try Self.review(h).sheet?.items.first?.decided != first, "pressed again, the next role")
    }
}
