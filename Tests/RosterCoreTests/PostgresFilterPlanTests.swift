import Foundation
import RosterTestSupport
import Testing
@testable import RosterCore

/// The PostgreSQL filter's plans, each reached on purpose with limits shrunk to this data:
/// the first walk, walks that go on from where the last stopped, and finding every match
/// first through the trigram index or the character index. Every plan gives the page a
/// reading of the whole list in Swift gives.
@Suite("PostgreSQL filter plans", .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
struct PostgresFilterPlanTests {
    /// 3,000 people: common letters everywhere, "Zoltan" only at the end of the name order
    /// (clustered), and a few rare "Qzx…" spread through it.
    static func people() throws -> Fixture {
        let f = try Fixture(.postgres)
        var users: [BulkUser] = []
        for i in 0..<3_000 {
            let first = i % 500 == 7 ? "Qzx\(i)" : (i >= 2_900 ? "Zoltan" : "Anna\(i % 31)")
            users.append(BulkUser(email: "p\(i)@example.com", firstName: first, lastName: i % 11 == 0 ? "Søren" : "Berg\(i % 13)",
                                  kind: .standard, systemRole: .standard, status: .active, lockedByAdmin: false, mfaEnabled: false,
                                  createdAt: Date(timeIntervalSince1970: 1_600_000_000 + Double(i)), lastSignInAt: nil, memberships: []))
        }
        try f.roster.stores.bulkLoad { load in try load(users) }
        return f
    }

    @Test("a bulk load builds the character index at its end, also when the load stops half way; the restore check finds it whole")
    func bulkLoadBuildsTheIndexAfter() throws {
        let f = try Fixture(.postgres)
        struct Stop: Error {}
        let user = BulkUser(email: "qzx@example.com", firstName: "Qzx", lastName: "Berg", kind: .standard, systemRole: .standard,
                            status: .active, lockedByAdmin: false, mfaEnabled: false, createdAt: Date(timeIntervalSince1970: 1_600_000_000),
                            lastSignInAt: nil, memberships: [])
        #expect(throws: Stop.self) { try f.roster.stores.bulkLoad { load in try load([user]); throw Stop() } }
        let check = try f.roster.stores.inspect(path: "bulk")
        #expect(check.integrity == "ok", "\(check.integrity)")
        let found = try Self.walk(f, plan: .init(walkBudget: 1, longestWalk: 1), sort: UserSort(), filter: "qzx", size: 10)
        #expect(found.count == 1, "the index serves the filter")
    }

    @Test("roster_grams, rewritten for speed, gives the very set of characters and pairs its first body gave, so the index built with it stays right")
    func gramsKeepTheirSet() throws {
        let address = try PostgresTemplate.newDatabase()
        let name = try #require(address.firstMatch(of: /dbname=(\S+)/)?.output.1)
        let texts = ["", "a", "ab", "aa", "aaa", "søren", "王小明", "e\u{301}te", "😀x😀", "a b  c", "o'brien", "mei.chen.42@demo.example mei chen",
                     String(repeating: "xyz", count: 100)]
        let literal = texts.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
        let differing = try PostgresServer.shared().psql("""
            CREATE FUNCTION pg_temp.first_grams(text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT
                RETURN ARRAY(SELECT substr($1, i, 1) FROM generate_series(1, length($1)) AS i
                    UNION SELECT substr($1, i, 2) FROM generate_series(1, length($1) - 1) AS i);
            SELECT t FROM unnest(ARRAY[\(literal)]) AS t
                WHERE NOT (roster_grams(t) @> pg_temp.first_grams(t) AND pg_temp.first_grams(t) @> roster_grams(t))
                   OR (cardinality(roster_grams(t)) = 0) <> (t = '');
            """, database: String(name))
        #expect(differing.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "differ: \(differing)")
    }

    /// The pages up to about 80 rows, read with the given plan limits, following the cursor.
    /// `keeping`: every match found first is kept (fresh for each page, so pages stay apart),
    /// and the sample taken before the page, as an earlier keystroke would have: the only way
    /// the span walks are reached.
    static func walk(_ f: Fixture, plan: PostgresUserStore.FilterPlan, sort: UserSort, filter: String, size: Int,
                     keeping: Bool = false) throws -> [UserID] {
        var ids: [UserID] = []
        var position = UserPagePosition.first
        while true {
            let page = try f.roster.stores.read { tx -> UserPage in
                guard let store = tx.users as? PostgresUserStore else { throw RosterError.database(.other("not PostgreSQL")) }
                var planned = store
                planned.plan = plan
                // Each plan on its own: no matches kept from another plan's page, and a sample
                // taken at this plan's rate.
                planned.kept = keeping ? KeptMatches() : nil
                planned.nameSample = NameSample()
                if keeping {
                    let version = try planned.orderVersion()
                    _ = try planned.nameSample?.sample(at: version) { try planned.takeNameSample(at: version) }
                }
                return try planned.page(UserQuery(filter: filter, sort: sort, position: position, limit: size), visibleTo: .everyone)
            }
            ids += page.rows.map(\.id)
            guard page.hasMoreAfter, ids.count < 80, let last = page.rows.last else { return ids }
            position = .after(UserCursor(row: last, column: sort.column))
        }
    }

    @Test("each plan gives the same pages as the whole list read in Swift",
          arguments: ["zolt", "zo", "z", "qzx", "qz", "q", "sø", "søren", "anna", "nowhere", "王"])
    func plansAgree(filter: String) throws {
        let f = try Self.people()
        let plans = [
            PostgresUserStore.FilterPlan(),                              // the first walk reads it all
            // A second walk, as far as a sample of every row says the page lies.
            PostgresUserStore.FilterPlan(walkBudget: 40, longestWalk: 2_000, samplePercent: 100),
            // The sample finds the matches too far on ("zolt" at the end): every match found first.
            PostgresUserStore.FilterPlan(walkBudget: 40, longestWalk: 300, samplePercent: 100),
            PostgresUserStore.FilterPlan(walkBudget: 10, longestWalk: 10),     // every match found first
        ]
        // Every match found first and kept: by a span walk where a sample of every row shows
        // where they lie, or fetched one by one from the trigram or character index.
        let keepingPlans = [
            PostgresUserStore.FilterPlan(walkBudget: 10, longestWalk: 10, samplePercent: 100, spanReach: 1_000),
            PostgresUserStore.FilterPlan(walkBudget: 10, longestWalk: 10, samplePercent: 100, spanReach: 0),
            // A longer filter's first walk as far as the sample says its page lies.
            PostgresUserStore.FilterPlan(walkBudget: 10, longestWalk: 1_000, samplePercent: 100),
        ]
        for sort in [UserSort(.name), UserSort(.name, ascending: false), UserSort(.created), UserSort(.email, ascending: false)] {
            let expected = try ListingTests.reference(f, sort: sort, filter: filter)
            for plan in plans {
                for size in [4, 25] {
                    let walked = try Self.walk(f, plan: plan, sort: sort, filter: filter, size: size)
                    #expect(walked == Array(expected.prefix(walked.count)) && (walked.count >= 80 || walked.count == expected.count),
                            "\(filter) \(sort) \(plan) \(size)")
                }
            }
            for plan in keepingPlans where sort.column == .name {
                let walked = try Self.walk(f, plan: plan, sort: sort, filter: filter, size: 25, keeping: true)
                #expect(walked == Array(expected.prefix(walked.count)) && (walked.count >= 80 || walked.count == expected.count),
                        "\(filter) \(sort) \(plan) kept")
            }
        }
    }

    @Test("with the sample kept, a longer filter whose page lies past the first walk but costs less walked than fetched is walked to at once")
    func firstWalkGoesAsFarAsTheSampleSays() throws {
        let f = try Self.people()
        // The first walk reads 30 rows, all walks 4,500 (name order: three times the budgets).
        let plan = PostgresUserStore.FilterPlan(walkBudget: 10, longestWalk: 1_500, samplePercent: 100)
        func budget(_ filter: String, plan: PostgresUserStore.FilterPlan = plan, sampled: Bool = true, sort: UserSort = UserSort()) throws -> Int {
            try f.roster.stores.read { tx in
                guard var store = tx.users as? PostgresUserStore else { throw RosterError.database(.other("not PostgreSQL")) }
                store.plan = plan
                store.nameSample = NameSample()
                let version = try store.orderVersion()
                if sampled { _ = try store.nameSample?.sample(at: version) { try store.takeNameSample(at: version) } }
                return try store.firstWalkBudget(UserQuery(filter: filter, sort: sort, limit: 25), needle: filter, from: nil,
                                                 ascending: sort.ascending, wanted: 26, total: nil, version: { version })
            }
        }
        // 100 Zoltans, the last 100 of the 3,000 in name order: 2,900 rows on, then a page
        // of 26 at 1 in 30 and half again: 4,070 rows, twice that beyond the walks' reach.
        #expect(try budget("zolt") == 4_500, "as far as walks go")
        var nearer = plan
        nearer.longestWalk = 1_000
        #expect(try budget("zolt", plan: nearer) == 30,
                "the page lies past every walk's reach, and the 2,900 sampled users before the first sampled Zoltan would have held 97: the first walk as always")
        let fromTheEnd = try budget("zolt", sort: UserSort(.name, ascending: false))
        #expect((2_300...2_400).contains(fromTheEnd), "read from the end they come first: room for the page twice over, 2 × 1.5 × 26 × 3,000 / 100 rows, not \(fromTheEnd)")
        #expect(try budget("zolt", sampled: false) == 30, "no sample kept: the first walk as always")
        var cheapFetch = plan
        cheapFetch.nameFetchCost = (match: 1, setup: 0)
        #expect(try budget("zolt", plan: cheapFetch, sort: UserSort(.name, ascending: false)) == 30,
                "fetching 100 matches at a row each costs less than walking 1,170 rows")
        #expect(try budget("qzx1") == 30, "two users: fetching them costs 6,040 rows' worth, walking to their page 1.3 × 58,500")
        #expect(try budget("zolt", sort: UserSort(.created)) == 10, "another order reads the table as it walks: the first walk as always")
    }

    @Test("walk or fetch, by what each costs in rows walked, and how far to walk",
          arguments: [
              // Matches spread evenly, the page near: twice as far as it likely lies.
              (share: 0.01, before: 1_000.0, needed: 50, column: UserSortColumn.name, walk: 17_000 as Int?),
              // A hundred users: walking to their page would read 750,000 rows.
              (share: 0.000_1, before: 5_000.0, needed: 50, column: .name, walk: nil),
              // "ozturk.1": the first sampled match 80,000 rows on, where 400 sampled users
              // would have held one at this rate; its page alone 2,222 rows: as far as half
              // the fetch (60,000 rows' worth).
              (share: 0.002_7, before: 80_000.0, needed: 4, column: .name, walk: 30_000),
              // … 400,000 rows on, where 2,000 sampled users would have held 5.4: clumps
              // are missed a clump at a time, so still walked; 520,000 on (7.0), not.
              (share: 0.002_7, before: 400_000.0, needed: 4, column: .name, walk: 30_000),
              (share: 0.002_7, before: 520_000.0, needed: 4, column: .name, walk: nil),
              // "ol": 750 sampled users before the first sampled match would have held 28.
              (share: 0.038, before: 150_000.0, needed: 45, column: .name, walk: nil),
              // Other orders fetch a row as they walk one: fetching 10,000 costs less than
              // walking 1.3 × 8,500, and half of it is less than the page alone (7,500).
              (share: 0.01, before: 1_000.0, needed: 50, column: .created, walk: nil),
              // Walking 1.3 × 23,750 rows costs more than fetching 20,000, but the 100 sampled
              // users before the first sampled match would have held 2, and the page alone
              // (3,750) lies well within half the fetch: that far.
              (share: 0.02, before: 20_000.0, needed: 50, column: .created, walk: 10_000),
          ])
    func walkOrFetch(share: Double, before: Double, needed: Int, column: UserSortColumn, walk: Int?) {
        // A sample of 5,000 of a million users; 90,000 rows left to walk.
        let estimate = NameSample.Estimate(share: share, users: 1_000_000, rowsBeforeFirstHit: before, observed: 5_000)
        #expect(PostgresUserStore.FilterPlan().walk(estimate, needed: needed, room: 90_000, column: column) == walk)
        let nothingSampled = NameSample.Estimate(share: share, users: 1_000_000, rowsBeforeFirstHit: nil, observed: 5_000)
        #expect(PostgresUserStore.FilterPlan().walk(nothingSampled, needed: needed, room: 90_000, column: column) == nil,
                "no sampled user past the cursor holds it")
    }
}
