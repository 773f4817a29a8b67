import Foundation
import GRDB
import RosterTestSupport
import Testing
@testable import RosterCore

/// `searchGram` answers how many users hold each string of one to three characters, so `*` on a
/// filter that short counts in a lookup. It must agree with counting the users themselves,
/// whatever wrote them.
@Suite("Users per string of one to three characters")
struct SearchGramTests {
    /// Users per gram, counted the plain way: each text's distinct strings of one to three
    /// scalars starting within the first `reach` scalars, and "" for a text longer than that.
    static func expected(_ texts: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for text in texts {
            let scalars = Array(text.unicodeScalars)
            var grams = Set<String>()
            for start in scalars.indices where start < SearchGrams.reach {
                for length in 1...3 where start + length <= scalars.count {
                    grams.insert(String(String.UnicodeScalarView(scalars[start..<start + length])))
                }
            }
            if scalars.count > SearchGrams.reach { grams.insert(SearchGrams.overlong) }
            for gram in grams { counts[gram, default: 0] += 1 }
        }
        return counts
    }

    /// The table (grams no user holds any more left out) and every user's search text, in one snapshot.
    static func table(_ f: Fixture) throws -> (grams: [String: Int], texts: [String]) {
        try f.roster.stores.read { tx in
            if let users = tx.users as? SQLiteUserStore {
                let rows = try Row.fetchAll(users.db, sql: "SELECT gram, users FROM searchGram WHERE users <> 0")
                let grams = Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, $0[1] as Int) })
                return (grams, try String.fetchAll(users.db, sql: "SELECT searchText FROM user"))
            }
            guard let users = tx.users as? PostgresUserStore else { throw RosterError.database(.other("an unknown store")) }
            let rows = try users.db.execute("SELECT gram, users FROM searchGram WHERE users <> 0")
            let texts = try users.db.execute("SELECT searchText FROM users")
            let grams = Dictionary(uniqueKeysWithValues: (0..<rows.count).map { (rows.text($0, 0) ?? "?", rows.int($0, 1) ?? -1) })
            return (grams, (0..<texts.count).map { texts.text($0, 0) ?? "" })
        }
    }

    static func person(_ f: Fixture, _ first: String, _ last: String, _ email: String) throws -> User {
        try f.roster.users.create(NewUser(email: email, firstName: first, lastName: last, kind: .standard, systemRole: .standard,
                                          password: .none), by: f.root).user
    }

    /// 1,024 scalars, then a q just past the reach.
    static let long = String(repeating: "ab", count: 512) + "qzy"

    @Test("counted in memory as the triggers count: distinct strings, accents, scripts, and a text past the reach")
    func tally() {
        let texts = ["anna\u{1}\u{1}anna@example.com\u{1}\u{1}", "søren øst", "王小明", "👩‍💻 dev", "", "a", Self.long, Self.long + "é"]
        var tally = SearchGramTally()
        for text in texts { tally.add(text) }
        let counted = Dictionary(uniqueKeysWithValues: tally.counts.map { ($0.gram, $0.users) })
        #expect(counted == Self.expected(texts))
        #expect(counted["an"] == 1, "a text counts a string once however often it holds it")
        #expect(counted[SearchGrams.overlong] == 2)
        #expect(counted["q"] == nil && counted["qz"] == nil && counted["qzy"] == nil, "past the reach: not counted")
        #expect(counted["bq"] == 2 && counted["bqz"] == 2 && counted["abq"] == 2, "those that start within the reach are counted")
        #expect(counted["ann"] == 1 && counted["@ex"] == 1)
    }

    @Test("the table follows every create, rename and removal, and agrees with counting the users", arguments: Backend.all)
    func follows(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.user("admin@example.com", .administrator)
        let actor = try f.actor(admin)
        let søren = try Self.person(f, "Søren", "Østergård", "soren@example.dk")
        let mei = try Self.person(f, "Mei", "王", "mei@example.cn")
        _ = try Self.person(f, "Anna", "Anna", "anna@example.com")
        var (grams, texts) = try Self.table(f)
        #expect(grams == Self.expected(texts))
        _ = try f.roster.users.updateProfile(mei.id, ProfileChange(lastName: "Tanaka"), by: actor)
        _ = try f.roster.users.updateProfile(søren.id, ProfileChange(timeZone: "Europe/Copenhagen"), by: actor)
        (grams, texts) = try Self.table(f)
        #expect(grams == Self.expected(texts), "renamed")
        #expect(grams["王"] == nil)
        _ = try f.roster.users.delete(søren.id, by: actor)
        (grams, texts) = try Self.table(f)
        #expect(grams == Self.expected(texts), "removed")
        for filter in ["a", "Ø", "o", "an", "TA", "王", "zz", "@e", "ann", "tan", "anna", "tanaka", "xyzq"] {
            #expect(try f.roster.users.count(matching: filter, by: actor) == Self.holding(filter, texts), "\(filter)")
        }
    }

    /// How many texts hold the folded filter, byte for byte (as `instr` and `strpos` compare).
    static func holding(_ filter: String, _ texts: [String]) -> Int {
        let needle = Array((SearchText.needle(filter) ?? "").utf8)
        return texts.filter { text in
            let bytes = Array(text.utf8)
            return bytes.count >= needle.count && (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<$0 + needle.count]) == needle }
        }.count
    }

    /// Runs `sql` on either backend, as a writer would from outside the stores.
    static func write(_ f: Fixture, _ sql: String) throws {
        try f.roster.stores.write { tx in
            if let users = tx.users as? SQLiteUserStore { try users.db.execute(sql: sql) }
            if let users = tx.users as? PostgresUserStore { try users.db.execute(sql.replacingOccurrences(of: "FROM user ", with: "FROM users ")
                .replacingOccurrences(of: "UPDATE user ", with: "UPDATE users ")) }
        }
    }

    @Test("a count of up to three letters is read from the table, not from the users; a longer one holding a string nobody has is 0", arguments: Backend.all)
    func readsTheTable(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("anna@example.com", .standard)
        try Self.write(f, "UPDATE searchGram SET users = 999 WHERE gram = 'n'")
        #expect(try f.roster.users.count(matching: "N", by: f.root) == 999)
        #expect(try f.roster.users.count(matching: "N", upTo: 10, by: f.root) == 11, "capped as a scan would be")
        try Self.write(f, "UPDATE searchGram SET users = 998 WHERE gram = 'ann'")
        #expect(try f.roster.users.count(matching: "ANN", by: f.root) == 998, "three letters: a gram too")
        #expect(try f.roster.users.count(matching: "anna", by: f.root) == 1, "four letters: counted from the users")
        try Self.write(f, "UPDATE searchGram SET users = 0 WHERE gram = 'nna'")
        #expect(try f.roster.users.count(matching: "anna@", by: f.root) == 0, "five letters, one of whose strings nobody has")
    }

    @Test("a search text longer than the triggers reach makes short counts read the users again", arguments: Backend.all)
    func overlong(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let anna = try f.user("anna@example.com", .standard)
        #expect(try f.roster.users.count(matching: "q", by: f.root) == 0)
        try Self.write(f, "UPDATE user SET searchText = '\(Self.long)' WHERE id = \(anna.id.rawValue)")
        var (grams, texts) = try Self.table(f)
        #expect(grams == Self.expected(texts), "the triggers stop where the tally does, past position 1,024")
        #expect(grams[SearchGrams.overlong] == 1)
        #expect(try f.roster.users.count(matching: "q", by: f.root) == 1, "the q lies past the reach: found by reading the text")
        try Self.write(f, "DELETE FROM user WHERE id = \(anna.id.rawValue)")
        (grams, texts) = try Self.table(f)
        #expect(grams == Self.expected(texts))
        #expect(grams[SearchGrams.overlong] == nil)
    }

    @Test("statements writing several users at once, and a deferred write that fails, keep the table right",
          arguments: Backend.all)
    func severalAndFailing(_ backend: Backend) throws {
        let f = try Fixture(backend)
        for (first, last) in [("Ana", "Lima"), ("Ana", "Souza"), ("Yuki", "Tanaka"), ("Mei", "王")] {
            _ = try Self.person(f, first, last, "\(first.lowercased()).\(last.lowercased())@example.com")
        }
        try Self.write(f, "UPDATE user SET searchText = 'ana' || searchText WHERE searchText LIKE 'ana%'")
        try Self.write(f, "DELETE FROM user WHERE searchText LIKE 'y%' OR searchText LIKE 'm%'")
        var (grams, texts) = try Self.table(f)
        #expect(texts.count == 2)
        #expect(grams == Self.expected(texts), "two renamed in one statement, two removed in another")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try f.roster.stores.write { tx in
                try tx.users.deferringSearchGrams {
                    _ = try tx.users.insert(User(id: UserID(rawValue: 0), email: try Email("zed@example.com"), firstName: "Zed",
                                                 lastName: "Zed", kind: .standard, systemRole: .standard, status: .active,
                                                 lockedByAdmin: false, lockedUntil: nil, failedSignIns: 0, passwordHash: nil,
                                                 passwordChangeRequired: false, mfaEnrollmentRequired: false, mfaEnabled: false,
                                                 termsAcceptanceRequired: false, termsAcceptedAt: nil, timeZone: nil,
                                                 logOutAfterMinutes: nil, createdAt: f.clock.now, lastSignInAt: nil, version: 1))
                    throw Stop()
                }
            }
        }
        (grams, texts) = try Self.table(f)
        #expect(texts.count == 2 && grams == Self.expected(texts), "rolled back with the user it logged")
        _ = try Self.person(f, "After", "Failure", "after@example.com")
        (grams, texts) = try Self.table(f)
        #expect(grams == Self.expected(texts), "counted by the triggers again")
    }

    @Test("a bulk load counts its batches in memory, with the triggers paused, to the same table", arguments: Backend.all)
    func bulk(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("admin@example.com", .administrator)
        let names = [("Zoë", "Ökan"), ("Yuki", "Tanaka"), ("Ana", "Lima"), ("Łukasz", "Żak")]
        try f.roster.stores.bulkLoad { load in
            for batch in 0..<3 {
                try load((0..<40).map { index in
                    let (first, last) = names[(batch + index) % names.count]
                    return BulkUser(email: "u\(batch)-\(index)@example.com", firstName: first, lastName: last, kind: .standard,
                                    systemRole: .standard, status: .active, lockedByAdmin: false, mfaEnabled: false,
                                    createdAt: f.clock.now, lastSignInAt: nil, memberships: [])
                })
            }
        }
        _ = try Self.person(f, "After", "Load", "after@example.com")
        let (grams, texts) = try Self.table(f)
        #expect(texts.count == 122)
        #expect(grams == Self.expected(texts))
        for filter in ["ł", "Ö", "ka", "ə", "tan", "yuki tanaka"] {
            #expect(try f.roster.users.count(matching: filter, by: f.root) == Self.holding(filter, texts), "\(filter)")
        }
    }

    @Test("upgrading an SQLite database counts the users it already holds")
    func sqliteMigration() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v15-random-order-version")
        try queue.write { db in
            for (index, name) in ["Sofía Núñez", "Łukasz Żak", "王 小明", "Anna Anna"].enumerated() {
                try db.execute(sql: """
                    INSERT INTO user (email, firstName, lastName, kind, systemRole, status, createdAt, searchText)
                    VALUES (?, ?, '', 'standard', 4, 'active', '2024-01-01', ?)
                    """, arguments: ["u\(index)@example.com", name, SearchText.of(name: name, email: "u\(index)@example.com")])
            }
        }
        try Migrations.migrator.migrate(queue)
        let f = try Fixture(database: AppDatabase(writer: queue, path: nil))
        let (grams, texts) = try Self.table(f)
        #expect(texts.count == 4)
        #expect(grams == Self.expected(texts))
    }

    @Test("upgrading a PostgreSQL database counts the users it already holds",
          .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
    func postgresMigration() throws {
        let f = try Fixture(.postgres)
        for (index, (first, last)) in [("Sofía", "Núñez"), ("Łukasz", "Żak"), ("王", "小明"), ("Anna", "Anna")].enumerated() {
            _ = try Self.person(f, first, last, "u\(index)@example.com")
        }
        // As before the migration: no counts; then its fill, as the migrator runs it.
        try f.roster.stores.write { tx in
            guard let users = tx.users as? PostgresUserStore else { return }
            try users.db.execute("DELETE FROM searchGram")
            try PostgresMigrations.afterward("p10-search-grams", users.db)
        }
        let (grams, texts) = try Self.table(f)
        #expect(texts.count == 4)
        #expect(grams == Self.expected(texts))
    }

    @Test("counted in memory with removals: a text taken away undoes what it added")
    func tallyRemovals() {
        var tally = SearchGramTally()
        for text in ["søren", "anna", "søren", Self.long] { tally.add(text) }
        tally.add("søren", change: -1)
        tally.add(Self.long, change: -1)
        tally.add("anna", change: -1)
        let counted = Dictionary(uniqueKeysWithValues: tally.counts.map { ($0.gram, $0.users) })
        #expect(counted == Self.expected(["søren"]), "what is left: one søren, nothing of anna or the long text")
    }

    @Test("an import counts what it wrote at its end, in memory, to the same table; one that fails leaves it as it was",
          arguments: Backend.all)
    func importing(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("ana@example.com", .standard)
        let lines = [("ana@example.com", "Ana", "Østergård"), ("yuki@example.com", "Yuki", "Tanaka"), ("wang@example.cn", "王", "小明")]
        let records = lines.enumerated().map { index, line in
            ImportRecord(line: index + 2, email: line.0, firstName: line.1, lastName: line.2, kind: nil, role: nil, org: nil, orgRole: nil)
        }
        _ = try f.roster.importer.run(records, options: ImportOptions(update: true), by: f.root)
        var (grams, texts) = try Self.table(f)
        #expect(texts.count == 3)
        #expect(grams == Self.expected(texts), "one renamed (its old text taken away), two created")
        let before = grams
        let bad = [ImportRecord(line: 2, email: "new@example.com", firstName: "New", lastName: "Person", kind: nil, role: nil,
                                org: nil, orgRole: nil),
                   ImportRecord(line: 3, email: "new2@example.com", firstName: "Zed", lastName: "Zed", kind: nil, role: nil,
                                org: "No such org", orgRole: nil)]
        #expect(throws: (any Error).self) { try f.roster.importer.run(bad, by: f.root) }
        (grams, texts) = try Self.table(f)
        #expect(grams == before)
        _ = try Self.person(f, "After", "Import", "after@example.com")
        (grams, texts) = try Self.table(f)
        #expect(grams == Self.expected(texts), "counting by the triggers again once the import is over")
    }
}
