import Foundation
import RosterTestSupport
import Testing
@testable import RosterCore

/// A filter's matches kept on PostgreSQL for its next keystroke: narrowed to a longer filter,
/// forgotten when a user is added, removed or renamed.
@Suite("Kept filter matches")
struct KeptMatchesTests {
    @Test("a text holds a pattern byte for byte, anywhere in it")
    func holds() {
        func holds(_ text: String, _ pattern: String) -> Bool { Array(text.utf8)[...].holds(Array(pattern.utf8)) }
        #expect(holds("mei chen", "mei"))
        #expect(holds("mei chen", "chen"), "at the end")
        #expect(holds("søren", "øre"), "several bytes a character")
        #expect(holds("abc", ""))
        #expect(!holds("mei", "meic"), "longer than the text")
        #expect(!holds("memem", "mei"))
        #expect(holds("mememei", "memei"), "a false start then the match")
    }

    @Test("a longer filter is answered from the kept matches; another filter or a new version is not")
    func narrows() {
        let kept = KeptMatches()
        kept.keep(.init(version: 7, needle: "sø", ids: [1, 2, 3], texts: ["søren a", "sølvi b", "søren c"].map { Array($0.utf8) }))
        #expect(kept.matches("sø", at: 7) == [1, 2, 3])
        #expect(kept.matches("mei", at: 7) == nil, "not narrower")
        #expect(kept.matches("søren", at: 7) == [1, 3])
        #expect(kept.matches("sø", at: 7) == [1, 2, 3], "the wider set stays kept")
        #expect(kept.matches("søren c", at: 7) == [3])
        #expect(kept.matches("søren c", at: 8) == nil, "a new version forgets them")
        #expect(kept.matches("søren c", at: 7) == nil, "for good")
        #expect(kept.matches("sø", at: 7) == nil)
    }

    @Test("a few filters are kept at once, the least recently used forgotten first")
    func entries() {
        let kept = KeptMatches()
        let words = (0...KeptMatches.entries).map { "word\($0)" }
        for (i, word) in words.enumerated() { kept.keep(.init(version: 1, needle: word, ids: [Int64(i)], texts: [Array(word.utf8)])) }
        #expect(kept.matches(words[0], at: 1) == nil, "the oldest went when one too many came")
        #expect(kept.matches(words[1], at: 1) == [1])
        kept.keep(.init(version: 1, needle: "other", ids: [9], texts: [Array("other".utf8)]))
        #expect(kept.matches(words[1], at: 1) == [1], "used lately, so kept")
        #expect(kept.matches(words[2], at: 1) == nil)
    }

    @Test("no more than the memory budget is kept: the oldest go, and one set over it is never kept")
    func budget() {
        let kept = KeptMatches()
        let half = [UInt8](repeating: 97, count: KeptMatches.budget / 2)
        for word in ["one", "two", "three"] { kept.keep(.init(version: 1, needle: word, ids: [1], texts: [half])) }
        #expect(kept.matches("one", at: 1) == nil, "over the budget")
        #expect(kept.matches("three", at: 1) == [1])
        kept.keep(.init(version: 1, needle: "huge", ids: [2], texts: [half + half]))
        #expect(kept.matches("huge", at: 1) == nil)
        #expect(kept.matches("three", at: 1) == [1], "and it took nothing's place")
    }

    @Test("more matches than the limit are not kept")
    func limit() {
        let kept = KeptMatches()
        let many = Array(Int64(0)...Int64(KeptMatches.limit))
        kept.keep(.init(version: 1, needle: "a", ids: many, texts: many.map { _ in Array("a".utf8) }))
        #expect(kept.matches("a", at: 1) == nil)
    }

    @Test("on PostgreSQL a user named after the kept matches were found is in the next keystroke's page",
          .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
    func newUserShows() throws {
        let f = try PostgresFilterPlanTests.people()
        let admin = try f.user("admin@example.com", .administrator)
        let everyMatchFirst = PostgresUserStore.FilterPlan(walkBudget: 10, longestWalk: 10)
        let before = try PostgresFilterPlanTests.walk(f, plan: everyMatchFirst, sort: UserSort(), filter: "sø", size: 25)
        #expect(before.count >= 25, "a page and more of them")
        // "Aaa" sorts first: the new user heads the page if the matches are found afresh.
        let newcomer = try f.roster.users.create(
            NewUser(email: "new@example.com", firstName: "Aaa", lastName: "Søren", systemRole: .standard), by: try f.actor(admin)).user
        let after = try PostgresFilterPlanTests.walk(f, plan: everyMatchFirst, sort: UserSort(), filter: "søren", size: 25)
        #expect(after.first == newcomer.id)
        #expect(after == Array(try ListingTests.reference(f, sort: UserSort(), filter: "søren").prefix(after.count)))
    }
}

extension KeptMatches.Matches {
    /// Matches made whole, for tests (the filter builds them a row at a time).
    init(version: Int64, needle: String, ids: [Int64], texts: [[UInt8]]) {
        self.init(version: version, needle: needle)
        for (id, text) in zip(ids, texts) { append(id, text: text) }
    }
}
