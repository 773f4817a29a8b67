import Foundation
import RosterTestSupport
import Testing
@testable import RosterCore

/// On PostgreSQL, `searchDomain` holds users per email domain, so the exact count of a filter
/// most users hold in their domain ("example", "acme.com") is a lookup plus a read of the
/// other domains' users. It must agree with counting the users themselves, whatever wrote them.
@Suite("Users per email domain (PostgreSQL)", .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
struct SearchDomainTests {
    /// Users per domain, counted the plain way: "@" and the rest of the email after its last
    /// "@" (the email lies between the text's two terminators), "" for an email without one.
    static func expected(_ texts: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for text in texts {
            let parts = text.components(separatedBy: SearchText.terminator)
            let email = parts.count > 1 ? parts[1] : ""
            counts[email.lastIndex(of: "@").map { String(email[$0...]) } ?? "", default: 0] += 1
        }
        return counts
    }

    /// The table (domains nobody is in any more left out) and every user's search text, in one snapshot.
    static func table(_ f: Fixture) throws -> (domains: [String: Int], texts: [String]) {
        try f.roster.stores.read { tx in
            guard let users = tx.users as? PostgresUserStore else { throw RosterError.database(.other("not PostgreSQL")) }
            let rows = try users.db.execute("SELECT domain, users FROM searchDomain WHERE users <> 0")
            let texts = try users.db.execute("SELECT searchText FROM users")
            let domains = Dictionary(uniqueKeysWithValues: (0..<rows.count).map { (rows.text($0, 0) ?? "?", rows.int($0, 1) ?? -1) })
            return (domains, (0..<texts.count).map { texts.text($0, 0) ?? "" })
        }
    }

    /// `count` users loaded at once as a bulk load writes them, each `first last`, at `email(i)`.
    static func load(_ f: Fixture, _ count: Int, _ first: String, _ last: String, email: (Int) -> String) throws {
        try f.roster.stores.bulkLoad { load in
            try load((0..<count).map { index in
                BulkUser(email: email(index), firstName: first, lastName: last, kind: .standard, systemRole: .standard,
                         status: .active, lockedByAdmin: false, mfaEnabled: false, createdAt: f.clock.now, lastSignInAt: nil,
                         memberships: [])
            })
        }
    }

    /// Groups of users loaded one bulk load each: how many, their names, their email with `#`
    /// for each one's number.
    static func load(_ f: Fixture, _ groups: [(count: Int, first: String, last: String, email: String)]) throws {
        for group in groups {
            try load(f, group.count, group.first, group.last) { group.email.replacingOccurrences(of: "#", with: String($0)) }
        }
    }

    @Test("the table follows every create, email change, removal, several-row statement and bulk load")
    func follows() throws {
        let f = try Fixture(.postgres)
        try Self.load(f, 30, "Ana", "Lima") { "ana.\($0)@Acme.Example" }
        let yuki = try SearchGramTests.person(f, "Yuki", "Tanaka", "yuki@other.test")
        _ = try SearchGramTests.person(f, "Zoë", "Ökan", "zoe@ASE.Example")
        var (domains, texts) = try Self.table(f)
        #expect(domains["@acme.example"] == 30)
        #expect(domains == Self.expected(texts), "a bulk load and single creates")
        _ = try f.roster.users.updateProfile(yuki.id, ProfileChange(firstName: "Yukiko"), by: f.root)
        try SearchGramTests.write(f, "UPDATE user SET searchText = replace(searchText, '@acme', '@acme.co') WHERE strpos(searchText, 'ana.1') > 0")
        try SearchGramTests.write(f, "DELETE FROM user WHERE strpos(searchText, 'ana.2') > 0")
        (domains, texts) = try Self.table(f)
        #expect(domains["@acme.co.example"] == 11, "ana.1 and ana.10 to ana.19, renamed in one statement")
        #expect(domains == Self.expected(texts), "a name changed, eleven emails changed at once, eleven removed at once")
        try SearchGramTests.write(f, "UPDATE user SET searchText = 'no domain' || chr(1) || chr(1) || 'at all' || chr(1) || chr(1) WHERE id = \(yuki.id.rawValue)")
        (domains, texts) = try Self.table(f)
        #expect(domains[""] == 1, "a text whose email has no @ is in no domain")
        #expect(domains == Self.expected(texts))
        #expect(try Self.emptyDomains(f) == 0, "@other.test, left by its only user, is gone")
    }

    static func emptyDomains(_ f: Fixture) throws -> Int {
        try f.roster.stores.read { tx in
            guard let users = tx.users as? PostgresUserStore else { throw RosterError.database(.other("not PostgreSQL")) }
            return try users.db.execute("SELECT count(*) FROM searchDomain WHERE users <= 0").int(0, 0) ?? -1
        }
    }

    @Test("an import counts what it wrote at its end; one that fails leaves the table as it was")
    func importing() throws {
        let f = try Fixture(.postgres)
        let records = [("ana@acme.example", "Ana"), ("yuki@acme.example", "Yuki"), ("wang@example.cn", "王")].enumerated().map { index, line in
            ImportRecord(line: index + 2, email: line.0, firstName: line.1, lastName: "Person", kind: nil, role: nil, org: nil, orgRole: nil)
        }
        _ = try f.roster.importer.run(records, by: f.root)
        var (domains, texts) = try Self.table(f)
        #expect(domains["@acme.example"] == 2)
        #expect(domains == Self.expected(texts))
        let before = domains
        let bad = [ImportRecord(line: 2, email: "new@acme.example", firstName: "New", lastName: "Person", kind: nil, role: nil, org: nil, orgRole: nil),
                   ImportRecord(line: 3, email: "zed@acme.example", firstName: "Zed", lastName: "Zed", kind: nil, role: nil,
                                org: "No such org", orgRole: nil)]
        #expect(throws: (any Error).self) { try f.roster.importer.run(bad, by: f.root) }
        (domains, texts) = try Self.table(f)
        #expect(domains == before)
    }

    @Test("counts of filters the domains hold agree with reading every user, capped or not")
    func counts() throws {
        let f = try Fixture(.postgres)
        try Self.load(f, [(40, "Ana", "Lima", "ana.#@acme.example"), (6, "Acme", "Founder", "founder.#@other.test"),
                          (3, "Bo", "Berg", "acme.#@other.test")])
        let (_, texts) = try Self.table(f)
        for filter in ["acme", "ACME.example", "@acme", "me.ex", "e.example", "example", "other", "a.1", "ana.3", "zzzz"] {
            #expect(try f.roster.users.count(matching: filter, by: f.root) == SearchGramTests.holding(filter, texts), "\(filter)")
        }
        #expect(try f.roster.users.count(matching: "example", upTo: 10, by: f.root) == 11, "capped as a scan would be")
        #expect(try f.roster.users.count(matching: "acme", upTo: 100, by: f.root) == SearchGramTests.holding("acme", texts))
    }

    @Test("a filter two domains hold, with other domains before, between and after them, counts exactly, in a write too")
    func between() throws {
        let f = try Fixture(.postgres)
        try Self.load(f, [(30, "Ana", "Lima", "ana.#@acme.example"), (10, "Bo", "Berg", "bo.#@zeta.example"),
                          (4, "Example", "Person", "p.#@aaa.test"), (3, "Cy", "Cole", "example.#@beta.test"), (2, "Di", "Dahl", "di.#@zzz.test")])
        let cy = try SearchGramTests.person(f, "Examplar", "Nobody", "x@zzz.test")
        try SearchGramTests.write(f, "UPDATE user SET searchText = 'an example' || chr(1) || chr(1) || 'no at sign' || chr(1) || chr(1) WHERE id = \(cy.id.rawValue)")
        let (domains, texts) = try Self.table(f)
        #expect(domains["@acme.example"] == 30 && domains["@zeta.example"] == 10 && domains[""] == 1)
        for filter in ["example", "xample", ".example", "ample", "exam"] {
            #expect(try f.roster.users.count(matching: filter, by: f.root) == SearchGramTests.holding(filter, texts), "\(filter)")
        }
        let inWrite = try f.roster.stores.write { tx in try tx.users.count(matching: "exampl", visibleTo: .everyone, limit: nil) }
        #expect(inWrite == SearchGramTests.holding("exampl", texts), "counted in a writer's transaction too")
        try SearchGramTests.write(f, "UPDATE searchDomain SET users = users + 1000 WHERE domain = '@zeta.example'")
        #expect(try f.roster.users.count(matching: "xampl", by: f.root) == SearchGramTests.holding("xampl", texts) + 1000,
                "both domains' users from the table, the rest read")
    }

    @Test("the count is read from the table when the holding domains have most users, and only then")
    func readsTheTable() throws {
        let f = try Fixture(.postgres)
        try Self.load(f, 20, "Ana", "Lima") { "ana.\($0)@acme.example" }
        try Self.load(f, 4, "Acme", "Founder") { "founder.\($0)@other.test" }
        try SearchGramTests.write(f, "UPDATE searchDomain SET users = users + 1000 WHERE domain = '@acme.example'")
        #expect(try f.roster.users.count(matching: "acme", by: f.root) == 1024, "the table's 1,020, and the 4 founders read")
        #expect(try f.roster.users.count(matching: "acme.ex", by: f.root) == 1020)
        try SearchGramTests.write(f, "UPDATE searchDomain SET users = users + 5000 WHERE domain = '@other.test'")
        // Capped this time: the count above is remembered for this version of the users.
        #expect(try f.roster.users.count(matching: "acme", upTo: 100_000, by: f.root) == 24, "most users are elsewhere: read from the users")
    }

    @Test("the restore check finds counts kept by triggers out of step with the users, as a restore without triggers leaves them")
    func restoreCheck() throws {
        let f = try Fixture(.postgres)
        try Self.load(f, 5, "Ana", "Lima") { "ana.\($0)@acme.example" }
        _ = try SearchGramTests.person(f, "Søren", "王", "soren@example.dk")
        #expect(try f.roster.stores.inspect(path: "check").integrity == "ok", "in step after loads and a create")
        try SearchGramTests.write(f, "UPDATE searchDomain SET users = users + 1 WHERE domain = '@acme.example'")
        try SearchGramTests.write(f, "UPDATE searchGram SET users = users + 1 WHERE gram = 'ana'")
        try SearchGramTests.write(f, "DELETE FROM searchGram WHERE gram = 'ø'")
        let integrity = try f.roster.stores.inspect(path: "check").integrity
        #expect(integrity.contains("2 string count(s) and 1 domain count(s) out of step with the users"), "\(integrity)")
        #expect(integrity.contains("without --disable-triggers"), "says what to do")
    }

    @Test("upgrading a database counts the users it already holds")
    func migration() throws {
        let f = try Fixture(.postgres)
        try Self.load(f, 5, "Ana", "Lima") { "ana.\($0)@acme.example" }
        _ = try SearchGramTests.person(f, "Łukasz", "Żak", "lukasz@Żak.example")
        // As before the migration, then the migration itself.
        try f.roster.stores.write { tx in
            guard let users = tx.users as? PostgresUserStore else { return }
            try users.db.execute("""
                DROP TABLE searchDomain; DROP INDEX users_domain;
                DROP TRIGGER users_domains_added ON users; DROP TRIGGER users_domains_removed ON users;
                DROP TRIGGER users_domains_changed ON users; DROP TRIGGER users_domains_truncated ON users;
                DROP FUNCTION roster_domains_added(); DROP FUNCTION roster_domains_removed();
                DROP FUNCTION roster_domains_changed(); DROP FUNCTION roster_domains_truncated(); DROP FUNCTION roster_domain(text);
                """)
            try users.db.execute(PostgresMigrations.searchDomains)
        }
        let (domains, texts) = try Self.table(f)
        #expect(domains["@acme.example"] == 5)
        #expect(domains == Self.expected(texts))
    }
}
