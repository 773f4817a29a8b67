import Foundation
import RosterTestSupport
import Testing
@testable import RosterCore

/// On PostgreSQL, where each recent filter's first match lies in name order: a filter typed on
/// walks from there, since no user before it holds the longer filter either.
@Suite("Where a filter's matches begin")
struct FirstMatchTests {
    static func cursor(_ name: String, _ id: Int64) -> UserCursor { UserCursor(key: .text(name), id: UserID(rawValue: id)) }

    @Test("a longer filter starts at the first match of the longest remembered filter it holds, read the same way, at the same version")
    func starts() {
        let kept = KeptMatches()
        kept.remember("oz", ascending: true, first: Self.cursor("Aylin Öztürk", 40), at: 7)
        kept.remember("ozturk.", ascending: true, first: Self.cursor("Aylin Öztürk", 52), at: 7)
        kept.remember("ozturk.", ascending: false, first: Self.cursor("Zeynep Öztürk", 90), at: 7)
        #expect(kept.start(for: "ozturk.1", ascending: true, at: 7) == .at(Self.cursor("Aylin Öztürk", 52)), "the longest it holds")
        #expect(kept.start(for: "ozt", ascending: true, at: 7) == .at(Self.cursor("Aylin Öztürk", 40)))
        #expect(kept.start(for: "ozturk.1", ascending: false, at: 7) == .at(Self.cursor("Zeynep Öztürk", 90)), "read down from the end")
        #expect(kept.start(for: "o", ascending: true, at: 7) == nil, "shorter than any remembered")
        #expect(kept.start(for: "zo", ascending: true, at: 7) == nil, "holds none of them")
        #expect(kept.start(for: "Oz", ascending: true, at: 7) == nil, "byte for byte, as the server matches")
        #expect(kept.start(for: "ozturk.1", ascending: true, at: 8) == nil, "a new version forgets them")
        #expect(kept.start(for: "ozturk.1", ascending: true, at: 7) == nil, "for good")
    }

    @Test("a filter that matched nobody makes every filter holding it match nobody; the newest of a filter replaces it; a few are remembered")
    func nobodyAndLimits() {
        let kept = KeptMatches()
        kept.remember("zq", ascending: true, first: nil, at: 1)
        #expect(kept.start(for: "azqb", ascending: true, at: 1) == .nothingMatches)
        kept.remember("zq", ascending: true, first: Self.cursor("Zq", 3), at: 1)
        #expect(kept.start(for: "zqx", ascending: true, at: 1) == .at(Self.cursor("Zq", 3)), "remembered again: the newest")
        for index in 0..<KeptMatches.firstMatches { kept.remember("filter \(index)", ascending: true, first: nil, at: 1) }
        #expect(kept.start(for: "zqx", ascending: true, at: 1) == nil, "the oldest forgotten")
        #expect(kept.start(for: "filter 15!", ascending: true, at: 1) == .nothingMatches)
        kept.remember("abcd", ascending: true, first: Self.cursor("Abcd", 9), at: 1)
        kept.remember("cde", ascending: true, first: nil, at: 1)
        #expect(kept.start(for: "abcde", ascending: true, at: 1) == .nothingMatches, "a shorter one it holds matched nobody")
    }
}

extension FirstMatchTests {
    @Test("the same filter typed again is answered from its first page, when that holds the page asked for")
    func firstPages() {
        let kept = KeptMatches()
        let ids = [5, 3, 9].map { UserID(rawValue: $0) }
        kept.remember("ozt", ascending: true, first: Self.cursor("Aylin Öztürk", 5), page: ids, wanted: 3, at: 7)
        #expect(kept.firstPage(for: "ozt", ascending: true, wanted: 3, at: 7) == ids)
        #expect(kept.firstPage(for: "ozt", ascending: true, wanted: 2, at: 7) == Array(ids.prefix(2)), "a smaller page")
        #expect(kept.firstPage(for: "ozt", ascending: true, wanted: 4, at: 7) == nil, "a full page: more may match")
        #expect(kept.firstPage(for: "ozt", ascending: false, wanted: 3, at: 7) == nil, "read the other way")
        #expect(kept.firstPage(for: "oz", ascending: true, wanted: 3, at: 7) == nil, "another filter, even one it holds")
        #expect(kept.firstPage(for: "oztu", ascending: true, wanted: 3, at: 7) == nil, "nor one holding it")
        kept.remember("qz", ascending: true, first: Self.cursor("Qzx", 3), page: Array(ids.prefix(2)), wanted: 26, at: 7)
        #expect(kept.firstPage(for: "qz", ascending: true, wanted: 100, at: 7) == Array(ids.prefix(2)), "fewer than a page: every match")
        kept.remember("zq", ascending: true, first: nil, page: [], wanted: 26, at: 7)
        #expect(kept.firstPage(for: "zq", ascending: true, wanted: 26, at: 7) == [], "nobody")
        #expect(kept.firstPage(for: "ozt", ascending: true, wanted: 3, at: 8) == nil, "a new version forgets them")
    }

    @Test("on PostgreSQL the page remembered for a filter is the page the filter typed again gives, until a change",
          .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
    func rememberedPage() throws {
        let f = try PostgresFilterPlanTests.people()
        let zoltans = try ListingTests.reference(f, sort: UserSort(), filter: "zolt")
        let kept = KeptMatches()
        let version = try Self.version(f)
        // As if "anna" had matched only three Zoltans: the page typed again is what was remembered.
        let forged = Array(zoltans.prefix(3))
        let first = try f.roster.stores.read { tx in try tx.users.rows([forged[0]], sort: UserSort()) }
        kept.remember("anna", ascending: true, first: UserCursor(row: first[0], column: .name), page: forged, wanted: 26, at: version)
        #expect(try Self.page(f, kept: kept, filter: "anna") == forged)
        let admin = try f.user("admin@example.com", .administrator)
        _ = try f.roster.users.create(NewUser(email: "aaa@example.com", firstName: "Aaa", lastName: "Anna", systemRole: .standard),
                                      by: try f.actor(admin))
        let anna = try ListingTests.reference(f, sort: UserSort(), filter: "anna")
        #expect(try Self.page(f, kept: kept, filter: "anna") == Array(anna.prefix(25)), "a user added: found afresh")
        #expect(kept.firstPage(for: "anna", ascending: true, wanted: 26, at: try Self.version(f)) == Array(anna.prefix(26)), "and remembered")
    }

    /// The first page of `filter` read with `kept` as a console's keystrokes share it.
    static func page(_ f: Fixture, plan: PostgresUserStore.FilterPlan = .init(), kept: KeptMatches, sort: UserSort = UserSort(),
                     filter: String, size: Int = 25, position: UserPagePosition = .first) throws -> [UserID] {
        try f.roster.stores.read { tx in
            guard let store = tx.users as? PostgresUserStore else { throw RosterError.database(.other("not PostgreSQL")) }
            var planned = store
            planned.plan = plan
            planned.kept = kept
            return try planned.page(UserQuery(filter: filter, sort: sort, position: position, limit: size), visibleTo: .everyone).rows.map(\.id)
        }
    }

    static func version(_ f: Fixture) throws -> Int64 {
        try f.roster.stores.read { tx in
            guard let store = tx.users as? PostgresUserStore else { throw RosterError.database(.other("not PostgreSQL")) }
            return try store.orderVersion()
        }
    }

    @Test("on PostgreSQL a filter typed on, either way in name order, from either end, gives each keystroke the page the whole list gives",
          .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
    func typedOn() throws {
        let f = try PostgresFilterPlanTests.people()
        // A short first walk: a keystroke's start decides whether it finds the page.
        let plans = [PostgresUserStore.FilterPlan(), PostgresUserStore.FilterPlan(walkBudget: 20, longestWalk: 300, samplePercent: 100)]
        for plan in plans {
            // One memory for both ways, as a console's reader keeps: each way's first match is its own.
            let kept = KeptMatches()
            for word in ["zoltan berg", "søren", "qzx10", "anna1", "berg1"] {
                for length in 1...word.count {
                    let filter = String(word.prefix(length))
                    for sort in [UserSort(.name), UserSort(.name, ascending: false)] {
                        let expected = try ListingTests.reference(f, sort: sort, filter: filter)
                        // A page asked again after a longer one is remembered: part of it.
                        for size in [4, 25, 4] {
                            let found = try Self.page(f, plan: plan, kept: kept, sort: sort, filter: filter, size: size)
                            #expect(found == Array(expected.prefix(size)), "\(filter) \(sort) \(plan) \(size)")
                            // End: read from the other end, with the same memory.
                            let last = try Self.page(f, plan: plan, kept: kept, sort: sort, filter: filter, size: size, position: .last)
                            #expect(last == Array(expected.suffix(size)), "\(filter) \(sort) \(plan) \(size) from the end")
                        }
                    }
                }
            }
        }
    }

    @Test("on PostgreSQL the walk begins where the remembered first match lies, and a new version forgets it",
          .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
    func forgedStart() throws {
        let f = try PostgresFilterPlanTests.people()
        let anna = try ListingTests.reference(f, sort: UserSort(), filter: "anna")
        let rows = try f.roster.stores.read { tx in try tx.users.rows(Array(anna.prefix(11)), sort: UserSort()) }
        let kept = KeptMatches()
        let version = try Self.version(f)
        // As if "ann" first matched the eleventh Anna: the page of "anna" begins there.
        kept.remember("ann", ascending: true, first: UserCursor(row: rows[10], column: .name), at: version)
        #expect(try Self.page(f, kept: kept, filter: "anna") == Array(anna.dropFirst(10).prefix(25)))
        kept.remember("nn", ascending: true, first: nil, at: version)
        #expect(try Self.page(f, kept: kept, filter: "nna").isEmpty, "as if nobody held \"nn\"")
        let admin = try f.user("admin@example.com", .administrator)
        _ = try f.roster.users.create(NewUser(email: "aaa@example.com", firstName: "Aaa", lastName: "Anna", systemRole: .standard),
                                      by: try f.actor(admin))
        let now = try ListingTests.reference(f, sort: UserSort(), filter: "anna")
        #expect(try Self.page(f, kept: kept, filter: "anna") == Array(now.prefix(25)), "a user added: found afresh")
    }

    @Test("on PostgreSQL a user renamed to match, ahead of the remembered first match, heads the next page",
          .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
    func renamed() throws {
        let f = try PostgresFilterPlanTests.people()
        let kept = KeptMatches()
        let before = try Self.page(f, kept: kept, filter: "zolta")
        #expect(before.count == 25, "the Zoltans, at the end of the name order")
        let qzx = try #require(try ListingTests.reference(f, sort: UserSort(), filter: "qzx").first)
        _ = try f.roster.users.updateProfile(qzx, ProfileChange(firstName: "Azoltan"), by: f.root)
        #expect(try Self.page(f, kept: kept, filter: "zoltan").first == qzx, "renamed: the order's version moved")
    }
}
