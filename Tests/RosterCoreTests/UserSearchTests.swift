import Foundation
import GRDB
import Synchronization
import Testing
@testable import RosterCore

@Suite("Users filter")
struct UserSearchTests {
    /// The demo's people: names in many scripts, hostile ones, a few hundred rows.
    static func seeded() throws -> Fixture {
        let f = try Fixture()
        _ = try DemoSeeder(roster: f.roster).seed(users: 400)
        return f
    }

    /// Every user holding `filter`, in name order, decided in Swift from one unfiltered read.
    static func reference(_ f: Fixture, _ filter: String) throws -> [UserID] {
        guard let needle = SearchText.needle(filter) else { return [] }
        let all = try f.roster.users.list(UserQuery(sort: UserSort(.name), limit: 1000)).rows
        return all.filter { SearchText.of(name: $0.name, email: $0.email.value).contains(needle) }.map(\.id)
    }

    /// Reads the whole filtered list page by page with one search configuration.
    /// `counted`: whether the gram counts may settle the plan first (`countedPage`); off, the
    /// configuration's own plans answer short filters too.
    static func pages(_ f: Fixture, _ filter: String, counted: Bool = false, search: (Database) -> UserFilterSearch,
                      backwards: Bool = false) throws -> [UserID] {
        guard let needle = SearchText.needle(filter) else { return [] }
        var ids: [UserID] = []
        var position: UserPagePosition = backwards ? .last : .first
        while true {
            let query = UserQuery(filter: filter, sort: UserSort(.name), position: position, limit: 7)
            var rows = try f.database.read { db in
                var configured = search(db)
                configured.countsFirst = counted
                return try configured.page(query, needle: needle)
            }.map(UserListingSQL.row)
            let more = rows.count > query.limit
            if more { rows.removeLast() }
            if backwards {
                ids = rows.reversed().map(\.id) + ids
                guard more, let first = rows.last else { return ids }
                position = .before(UserCursor(row: first, column: .name))
            } else {
                ids += rows.map(\.id)
                guard more, let last = rows.last else { return ids }
                position = .after(UserCursor(row: last, column: .name))
            }
        }
    }

    static let filters = ["a", "é", "王", "q", "ta", "zq", "ⓩ", "ana", "son", "Öz", "OZTURK", "tanaka", "xyzzy", "ς", "Σ",
                          "@demo.example", "hostile.", "r\"x", "%", "_", "a*", "NEAR(ana son)", "^ana", "ana OR son",
                          String(repeating: "ab", count: 300)]

    @Test("the index reads U+FFFE and U+FFFF as U+FFFD, so a filter holding one is listed and counted by checking each row")
    func replacementCharacters() throws {
        let f = try Fixture()
        let root = Actor.system("test")
        for (index, character) in ["\u{FFFD}", "\u{FFFE}", "\u{FFFF}"].enumerated() {
            _ = try f.roster.users.create(NewUser(email: "u\(index)@example.com", firstName: "x\(character)y", lastName: "Z", password: .none), by: root)
        }
        for filter in ["x\u{FFFF}y", "x\u{FFFE}", "\u{FFFD}"] {
            let expected = try Self.reference(f, filter)
            #expect(expected.count == 1, "\(filter.unicodeScalars.map(\.value))")
            #expect(try f.roster.users.count(matching: filter) == expected.count, "\(filter.unicodeScalars.map(\.value))")
            #expect(try Self.pages(f, filter) { UserFilterSearch(db: $0, firstWalk: 1, sampleSize: 0) } == expected, "listed too")
        }
    }

    @Test("a row holding a filter's trigrams apart is a hit that every plan leaves out", arguments: [false, true])
    func trigramsApart(ranked: Bool) throws {
        let f = try Self.seeded()
        let root = Actor.system("test")
        _ = try f.roster.users.create(NewUser(email: "tan.aka@example.com", firstName: "Tan", lastName: "Aka", password: .none), by: root)
        let order = NameOrder()
        try f.database.read { db in try order.build(db) }
        let expected = try Self.reference(f, "tanaka")
        #expect(!expected.isEmpty)
        let found = try Self.pages(f, "tanaka") { UserFilterSearch(db: $0, nameOrder: ranked ? order : nil, firstWalk: 1, hitLimit: 1_000_000) }
        #expect(found == expected)
        #expect(try f.roster.users.count(matching: "tanaka") == expected.count)
    }

    @Test("walking the sort index, the trigram index and a scan all find the same users in the same order", arguments: filters)
    func plansAgree(filter: String) throws {
        let f = try Self.seeded()
        let expected = try Self.reference(f, filter)
        // Each plan alone (the sample, which sends common filters on a longer walk, off), then with it.
        let walk = try Self.pages(f, filter) { UserFilterSearch(db: $0, firstWalk: 1_000_000) }
        let index = try Self.pages(f, filter) { UserFilterSearch(db: $0, firstWalk: 1, hitLimit: 1_000_000, sampleSize: 0) }
        let longWalk = try Self.pages(f, filter) { UserFilterSearch(db: $0, firstWalk: 1, hitLimit: 0, longWalk: 10, sampleSize: 0) }
        let sortAll = try Self.pages(f, filter) { UserFilterSearch(db: $0, firstWalk: 1, hitLimit: 0, longWalk: 1, sampleSize: 0) }
        let scan = try Self.pages(f, filter) { UserFilterSearch(db: $0, firstWalk: 1, longWalk: 1, termLimit: 0, sampleSize: 0) }
        let indexBackwards = try Self.pages(f, filter, search: { UserFilterSearch(db: $0, firstWalk: 1, hitLimit: 1_000_000, sampleSize: 0) },
                                            backwards: true)
        let order = NameOrder()
        try f.database.read { db in try order.build(db) }
        let ranked = try Self.pages(f, filter) { UserFilterSearch(db: $0, nameOrder: order, firstWalk: 1, sampleSize: 0) }
        let rankedBackwards = try Self.pages(f, filter, search: { UserFilterSearch(db: $0, nameOrder: order, firstWalk: 1, sampleSize: 0) },
                                             backwards: true)
        let sampled = try Self.pages(f, filter) { UserFilterSearch(db: $0, nameOrder: order, firstWalk: 1, sampleSize: 64) }
        let sampledBackwards = try Self.pages(f, filter, search: { UserFilterSearch(db: $0, nameOrder: order, firstWalk: 1, sampleSize: 64) },
                                              backwards: true)
        let sampledByRate = try Self.pages(f, filter) { UserFilterSearch(db: $0, firstWalk: 1, sampleSize: 64) }
        // The gram counts first, as shipped: a short filter few users hold is sorted at once.
        let counted = try Self.pages(f, filter, counted: true) { UserFilterSearch(db: $0, nameOrder: order, firstWalk: 1) }
        let countedBackwards = try Self.pages(f, filter, counted: true, search: { UserFilterSearch(db: $0, nameOrder: order, firstWalk: 1) },
                                              backwards: true)
        let countedWithoutOrder = try Self.pages(f, filter, counted: true) { UserFilterSearch(db: $0, firstWalk: 1) }
        // Hits sorted for the filter less its last character, kept and checked for the filter
        // itself: within the narrowing limit, and past it (back to the trigram index); and hits
        // of an unrelated filter, which must not serve it.
        var narrowed: [[UserID]] = []
        for (limit, earlier) in [(1_000, String(filter.dropLast())), (3, String(filter.dropLast())), (1_000, "son")] {
            let order = NameOrder()
            try f.database.read { db in try order.build(db) }
            let search = { (db: Database) in UserFilterSearch(db: db, nameOrder: order, firstWalk: 1, narrowingLimit: limit, sampleSize: 0) }
            _ = try Self.pages(f, earlier, search: search)
            narrowed.append(try Self.pages(f, filter, search: search))
            _ = try Self.pages(f, earlier, search: search)
            narrowed.append(try Self.pages(f, filter, search: search, backwards: true))
        }
        #expect(walk == expected)
        #expect(index == expected)
        #expect(longWalk == expected)
        #expect(sortAll == expected)
        #expect(scan == expected)
        #expect(indexBackwards == expected)
        #expect(ranked == expected)
        #expect(rankedBackwards == expected)
        #expect(sampled == expected)
        #expect(sampledBackwards == expected)
        #expect(sampledByRate == expected)
        #expect(narrowed == Array(repeating: expected, count: 6))
        #expect(counted == expected)
        #expect(countedBackwards == expected)
        #expect(countedWithoutOrder == expected)
        #expect(try f.roster.users.count(matching: filter) == expected.count)
        let needle = try #require(SearchText.needle(filter))
        let counts = try f.database.read { db in
            let fromHits = UserFilterSearch(db: db, countTermLimit: 1_000)
            let checked = UserFilterSearch(db: db, countsFromHits: false)
            let scanned = UserFilterSearch(db: db, hitLimit: 0, countTermLimit: 0, countsFromHits: false)
            let manyHits = UserFilterSearch(db: db, countHitLimit: 1)
            return [try fromHits.count(needle: needle), try checked.count(needle: needle), try scanned.count(needle: needle),
                    try manyHits.count(needle: needle),
                    try fromHits.count(needle: needle, limit: 3), try checked.count(needle: needle, limit: 3), try scanned.count(needle: needle, limit: 3)]
        }
        let capped = min(expected.count, 4)
        #expect(counts == [expected.count, expected.count, expected.count, expected.count, capped, capped, capped],
                "the index counting alone, hits checked, a scan (also for a phrase with many hits) agree, capped or not")
    }

    @Test("a sample of the table sends a walk as far as its nearest matches and a page beyond, or not at all")
    func sampledWalkLength() {
        // A thousand users, id n at name position n - 1; a sample of 100 rows found two matches.
        let order = NameOrder.Snapshot(version: 1, positions: [-1] + (0..<1000).map { Int32($0) }, count: 1000)
        let sample = FilterSample(read: 100, holding: [500, 900])
        // A page of 10 needs one sampled match (each stands for 10 rows), then 10 × 100 / 2 rows at the rate.
        #expect(sample.walkLength(wanted: 10, from: -1, upwards: true, in: order) == 500 + 500)
        #expect(sample.walkLength(wanted: 10, from: 600, upwards: true, in: order) == 299 + 500, "from the cursor on")
        #expect(sample.walkLength(wanted: 10, from: 1000, upwards: false, in: order) == 101 + 500, "reading backwards")
        #expect(sample.walkLength(wanted: 30, from: -1, upwards: true, in: order) == nil, "three sampled matches needed, two found")
        #expect(sample.walkLength(wanted: 10, from: 950, upwards: true, in: order) == nil, "none ahead")
        #expect(FilterSample(read: 100, holding: []).walkLength(wanted: 10, slack: 8) == nil)
        #expect(sample.walkLength(wanted: 10, slack: 8) == 10 * 8 * 100 / 2)
    }

    @Test("the gram counts settle a filter nobody holds, and sort at once a short one too few hold for a walk to fill a page")
    func countedPlan() throws {
        let f = try Self.seeded()
        let order = NameOrder()
        try f.database.read { db in try order.build(db) }
        func counted(_ filter: String, firstWalk: Int = 2_000, ordered: Bool = true) throws -> Int? {
            let needle = try #require(SearchText.needle(filter))
            let query = UserQuery(filter: filter, sort: UserSort(.name), limit: 7)
            return try f.database.read { db in
                try UserFilterSearch(db: db, nameOrder: ordered ? order : nil, firstWalk: firstWalk).countedPage(query, needle: needle)?.count
            }
        }
        let holders = try Self.reference(f, "ana").count
        try #require(holders > 8 && holders < 400, "the demo's 400 users: some, not all, hold \"ana\"")
        #expect(try counted("zq", ordered: false) == 0, "a gram nobody holds: no page to look for")
        #expect(try counted("xyzzy", ordered: false) == 0, "a longer filter with a gram nobody holds")
        #expect(try counted("ana", firstWalk: 1) == 8, "a first walk of one row would come up short: sorted at once (a page and one)")
        #expect(try counted("ana", firstWalk: 10_000) == nil, "a first walk longer than the table fills the page: the usual plans")
        #expect(try counted("ana", ordered: false) == nil, "no name order to sort with")
        #expect(try counted("tanaka") == nil, "longer than a gram, held by some: the usual plans")
    }

    @Test("a filter that nobody matches is answered from the trigram index without reading the table")
    func missPlan() throws {
        let f = try Self.seeded()
        try f.database.read { db in
            let search = UserFilterSearch(db: db)
            #expect(try search.plan("zq") == .nothing)
            #expect(try search.plan("xyzzy") == .match("\"xyzzy\""), "the phrase of its trigrams")
            if case .match = try search.plan("ta") {} else { Issue.record("two characters use the term list") }
            #expect(try UserFilterSearch(db: db, termLimit: 3).plan("a") == .scan)
        }
    }

    @Test("a filter of three characters or more is counted from the index alone, unless the index folds it")
    func countPlanUsesPositions() throws {
        let f = try Self.seeded()
        let plans = try f.database.read { db in
            let search = UserFilterSearch(db: db)
            return [try search.countPlan("tanaka"), try search.countPlan("r\"x!"), try search.countPlan("x\u{FFFE}y"),
                    try UserFilterSearch(db: db, countsFromHits: false).countPlan("tanaka")]
        }
        #expect(plans[0] == .exactHits("\"tanaka\""))
        #expect(plans[1] == .exactHits("\"r\"\"x!\""), "quotes stay inside the phrase")
        #expect(plans[2] == .match("\"x\u{FFFE}y\""), "hits of a folded filter are checked")
        #expect(plans[3] == .match("\"tanaka\""))
    }

    @Test("upgrading an SQLite database indexes trigram positions: a filter's phrase finds exactly the users holding it")
    func positionsMigration() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v16-search-grams")
        try queue.write { db in
            for (index, (first, last)) in [("Yuki", "Tanaka"), ("Tan", "Aka"), ("Akane", "Tan"), ("Ana", "Tanaka-Silva")].enumerated() {
                let email = "u\(index)@example.com"
                try db.execute(sql: """
                    INSERT INTO user (email, firstName, lastName, kind, systemRole, status, createdAt, searchText)
                    VALUES (?, ?, ?, 'standard', 4, 'active', '2024-01-01', ?)
                    """, arguments: [email, first, last, SearchText.of(name: "\(first) \(last)", email: email)])
            }
        }
        try Migrations.migrator.migrate(queue)
        let f = try Fixture(database: AppDatabase(writer: queue, path: nil))
        let hits = try queue.read { db in
            try Int64.fetchAll(db, sql: "SELECT rowid FROM userSearch WHERE userSearch MATCH ? ORDER BY rowid", arguments: ["\"tanaka\""])
        }
        let holders = try Self.reference(f, "tanaka").map(\.rawValue).sorted()
        #expect(holders.count == 2)
        #expect(hits == holders, "Tan Aka and Akane Tan hold its trigrams apart, and are no hits")
        #expect(try f.roster.users.count(matching: "tanaka") == 2)
        _ = try f.roster.users.create(NewUser(email: "kenji@example.com", firstName: "Kenji", lastName: "Tanaka", password: .none), by: f.root)
        #expect(try f.roster.users.count(matching: "tanaka") == 3, "the triggers write to the new index")
    }

    @Test("the name order in memory is used only while no user has been added, removed or renamed")
    func nameOrderStaysFresh() throws {
        let f = try Self.seeded()
        let order = NameOrder()
        try f.database.read { db in try order.build(db) }
        let refreshes = Mutex(0)
        func rankedPage() throws -> [Row]? {
            try f.database.read { db in
                let search = UserFilterSearch(db: db, nameOrder: order, refreshNameOrder: { refreshes.withLock { $0 += 1 } })
                return try search.rankedPage(UserQuery(filter: "tanaka", sort: UserSort(.name), limit: 5), match: "\"tanaka\"", needle: "tanaka")
            }
        }
        #expect(try rankedPage()?.count == 6)
        let user = try f.roster.users.find("admin@demo.example")
        _ = try f.roster.users.updateProfile(user.id, ProfileChange(lastName: "Tanaka"), expectedVersion: user.version, by: f.root)
        #expect(try rankedPage() == nil, "a rename makes the order stale")
        #expect(refreshes.withLock { $0 } == 1, "and asks for it to be read again")
        try f.database.read { db in try order.build(db) }
        #expect(try rankedPage()?.count == 6)
        _ = try f.roster.users.lock(user.id, by: f.root)
        #expect(try rankedPage() != nil, "other changes leave the order alone")
    }

    @Test("case, accents and invisible characters don't matter: ozturk finds Öztürk", arguments: Backend.all)
    func folding(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("ayse.ozturk@example.com", .standard)
        _ = try f.roster.users.create(NewUser(email: "chloe@example.com", firstName: "Chloé", lastName: "Öztürk", password: .none), by: f.root)
        #expect(try f.roster.users.count(matching: "öztürk") == 2)
        #expect(try f.roster.users.count(matching: "OZTURK") == 2)
        #expect(try f.roster.users.count(matching: "chloe ozt") == 1)
        #expect(try f.roster.users.count(matching: "oz\u{200B}tu\u{202E}rk") == 2, "zero-width and bidi characters are ignored")
        #expect(try f.roster.users.count(matching: "ozturk chloe") == 0)
        #expect(try f.roster.users.count(matching: "ozturkayse") == 0, "no match across the end of the name and the email")
        #expect(try f.roster.users.count(matching: "\u{200B}\u{1}") == 2, "a filter of invisible characters filters nothing")
        _ = try f.roster.users.create(NewUser(email: "nikos@example.com", firstName: "Νίκος", lastName: "Παπαδόπουλος", password: .none), by: f.root)
        #expect(try f.roster.users.count(matching: "ς") == 1, "a final sigma is found by the one-character path")
        #expect(try f.roster.users.count(matching: "ΠΑΠΑΔΟΠΟΥΛΟΣ") == 1)
        #expect(try f.roster.users.count(matching: "νικος") == 1)
    }

    @Test("the trigram index follows creates, renames and deletions")
    func indexStaysInSync() throws {
        let f = try Fixture()
        let user = try f.user("li@example.com", .standard)
        #expect(try f.roster.users.count(matching: "lizzard") == 0)
        let renamed = try f.roster.users.updateProfile(user.id, ProfileChange(lastName: "Lizzard"), expectedVersion: user.version, by: f.root)
        #expect(try f.roster.users.count(matching: "lizzard") == 1)
        #expect(try f.roster.users.count(matching: "first li@") == 0, "the old name is gone from the index")
        _ = try f.roster.users.lock(renamed.id, by: f.root)
        #expect(try f.roster.users.count(matching: "lizzard") == 1)
        _ = try f.roster.users.delete(renamed.id, by: f.root)
        #expect(try f.roster.users.count(matching: "lizzard") == 0)
        try f.database.write { db in
            // Fails if the index disagrees with the table.
            try db.execute(sql: "INSERT INTO userSearch(userSearch, rank) VALUES ('integrity-check', 1)")
        }
    }

    @Test("upgrading a database from before the filter index fills it in")
    func migration() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v2-credentials-mail-api-keys")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO user (email, firstName, lastName, kind, systemRole, status, createdAt)
                VALUES ('sofia@example.com', 'Sofía', 'Núñez', 'standard', 4, 'active', '2024-01-01')
                """)
        }
        try Migrations.migrator.migrate(queue)
        let f = try Fixture(database: AppDatabase(writer: queue, path: nil))
        #expect(try f.roster.users.count(matching: "nunez") == 1)
        #expect(try f.roster.users.list(UserQuery(filter: "sofia nu")).rows.map(\.email.value) == ["sofia@example.com"])
    }
}
