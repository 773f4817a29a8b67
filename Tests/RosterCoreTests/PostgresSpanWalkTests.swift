import Foundation
import RosterTestSupport
import Testing
@testable import RosterCore

/// The span walk: every match of a short filter found by reading the stretch of the name
/// order a sample says they lie in, trusted only when it found as many as the gram counts say.
@Suite("PostgreSQL span walk", .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
struct PostgresSpanWalkTests {
    /// Runs `body` with the people's store in one read transaction, its sample and kept matches
    /// fresh, and the plan given.
    static func withStore<T>(_ f: Fixture, plan: PostgresUserStore.FilterPlan,
                             _ body: (PostgresUserStore, _ version: Int64) throws -> T) throws -> T {
        try f.roster.stores.read { tx in
            guard var store = tx.users as? PostgresUserStore else { throw RosterError.database(.other("not PostgreSQL")) }
            store.plan = plan
            store.nameSample = NameSample()
            return try body(store, store.orderVersion())
        }
    }

    @Test("matches clustered in name order are all found by the walk, in name order, and kept for the next keystroke")
    func clustered() throws {
        let f = try PostgresFilterPlanTests.people()
        let expected = try ListingTests.reference(f, sort: UserSort(.name), filter: "zo").map(\.rawValue)
        let kept = KeptMatches()
        let found = try Self.withStore(f, plan: .init(samplePercent: 100)) { store, version in
            let total = try #require(try PostgresSearchGrams.count("zo", store.db))
            let span = try #require(try store.span(of: "zo", total: total, at: version, taking: true))
            return try (store.spanWalk("zo", total: total, span: span, in: kept, at: version), version)
        }
        #expect(expected.count == 100)
        #expect(found.0 == expected)
        #expect(kept.matches("zol", at: found.1) == expected, "every Zoltan holds zol: narrowed from the kept matches")
    }

    @Test("a match the sample missed, outside the stretch, makes the walk give up; nothing is kept")
    func strayMatch() throws {
        let f = try PostgresFilterPlanTests.people()
        let kept = KeptMatches()
        let (found, version) = try Self.withStore(f, plan: .init(spanMargin: 0, spanReach: 1_000)) { store, version -> ([Int64]?, Int64) in
            // A sample holding only the third of the six Qzx users in name order, as if the
            // others were missed: the walk from it finds four.
            let row = try store.db.execute("SELECT nameKey, id, searchText FROM users WHERE searchText LIKE 'qzx2007 %'")
            var sample = NameSample.Sample(version: version, scale: 10)
            sample.append(key: try #require(row.text(0, 0)).utf8, id: try #require(row.int64(0, 1)), text: try #require(row.text(0, 2)).utf8)
            _ = store.nameSample?.sample(at: version) { sample }
            let total = try #require(try PostgresSearchGrams.count("qz", store.db))
            #expect(total == 6)
            let span = try #require(try store.span(of: "qz", total: total, at: version, taking: false))
            return (try store.spanWalk("qz", total: total, span: span, in: kept, at: version), version)
        }
        #expect(found == nil)
        #expect(kept.matches("qz", at: version) == nil && kept.matches("q", at: version) == nil)
    }

    @Test("only a read-only snapshot keeps matches or samples the table: a write's statements each see the latest commit")
    func writesKeepNothing() throws {
        let f = try PostgresFilterPlanTests.people()
        let written = try f.roster.stores.write { tx in (tx.users as? PostgresUserStore).map { $0.kept == nil && $0.nameSample == nil } }
        let read = try f.roster.stores.read { tx in (tx.users as? PostgresUserStore).map { $0.kept != nil && $0.nameSample != nil } }
        #expect(written == true && read == true)
    }

    @Test("a first page whose span walk misses a match is found by the other plans all the same")
    func pageAfterAMiss() throws {
        let f = try PostgresFilterPlanTests.people()
        let expected = try ListingTests.reference(f, sort: UserSort(.name), filter: "qz")
        let page = try Self.withStore(f, plan: .init(walkBudget: 10, longestWalk: 10, spanMargin: 0, spanReach: 1_000)) { store, version in
            var planned = store
            planned.kept = KeptMatches()
            // Three users before the third Qzx, as if the sample had missed the first two: the
            // span walk starts past them, beyond the first walk's reach.
            let rows = try store.db.execute("""
                SELECT nameKey, id, searchText FROM users WHERE searchText LIKE 'anna1 %' OR searchText LIKE 'qzx2007 %' ORDER BY nameKey, id
                """)
            var sample = NameSample.Sample(version: version, scale: 10)
            for row in [0, 1, 2, rows.count - 1] {
                sample.append(key: try #require(rows.text(row, 0)).utf8, id: try #require(rows.int64(row, 1)),
                              text: try #require(rows.text(row, 2)).utf8)
            }
            _ = planned.nameSample?.sample(at: version) { sample }
            return try planned.page(UserQuery(filter: "qz", sort: UserSort(.name), limit: 4), visibleTo: .everyone)
        }
        #expect(page.rows.map(\.id) == Array(expected.prefix(4)) && page.hasMoreAfter)
    }

    @Test("no span without an exact count, with more matches than are kept, with no sample when none may be taken, with no match sampled, or over a stretch dearer than fetching each match")
    func declines() throws {
        let f = try PostgresFilterPlanTests.people()
        let spans = try Self.withStore(f, plan: .init(samplePercent: 100, spanReach: 1)) { store, version in
            // "søren": a longer filter, no exact count; "q": six users, a stretch of fourteen
            // with the margins, more than one row a match; "xq": nobody sampled holds it.
            try [store.span(of: "søren", total: nil, at: version, taking: true),
                 store.span(of: "zo", total: KeptMatches.limit + 1, at: version, taking: true),
                 store.span(of: "zo", total: 100, at: version, taking: false),
                 store.span(of: "q", total: PostgresSearchGrams.count("q", store.db), at: version, taking: true),
                 store.span(of: "xq", total: 3, at: version, taking: true)]
        }
        #expect(spans.map { $0 == nil } == [true, true, true, true, true])
        let taken = try Self.withStore(f, plan: .init(samplePercent: 100)) { store, version in
            try store.span(of: "zo", total: 100, at: version, taking: true)
        }
        #expect(taken?.start != nil && (taken?.after ?? 1) == 0, "the Zoltans, last in name order, with the same plan but room to walk")
    }

    @Test("a console's first page read, the sample is taken ahead for a reader who sees everyone as stored now (not an org admin, not one since demoted), and a filter then takes none")
    func takenAhead() throws {
        let f = try PostgresFilterPlanTests.people()
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root).id
        let orgAdmin = try f.actor(f.user("oa@example.com", .standard, org: acme, orgRole: .orgAdmin))
        let admin = try f.actor(f.user("admin@example.com", .administrator))
        let demoted = try f.user("demoted@example.com", .standard)
        let stores = try #require(f.roster.stores as? PostgresStores)
        let version = try stores.read { tx in try #require(tx.users as? PostgresUserStore).orderVersion() }
        f.roster.users.prepareFilters(by: orgAdmin)
        #expect(stores.nameSample.kept(at: version) == nil, "an org admin's filters never ask it: nothing read for them")
        // An actor read before a demotion: re-read, it no longer sees everyone.
        f.roster.users.prepareFilters(by: Actor(identity: .user(demoted.id, demoted.email), systemRole: .administrator,
                                                kind: .standard, orgRoles: [:], ip: nil))
        #expect(stores.nameSample.kept(at: version) == nil, "the role as stored now decides")
        f.roster.users.prepareFilters(by: admin)
        #expect(stores.nameSample.kept(at: version) != nil)
        // A take now would throw: the filter's plan is given the sample taken ahead.
        let reused = try stores.read { tx in
            try #require(tx.users as? PostgresUserStore).nameSample?.sample(at: version) { throw RosterError.notSignedIn }
        }
        #expect(reused?.version == version)
    }
}
