import Foundation
import GRDB
import Testing
@testable import RosterCore

/// The users table's Orgs column: SQLite keeps each user's org ids in their row, so every way
/// a user's orgs change must reach that row, and the names must be the orgs' names now. Each
/// case asks the list, as the console does.
@Suite("The Orgs column follows every change to a user's orgs")
struct UserOrgNamesTests {
    /// `email`'s Orgs column as the administrator's users table shows it.
    static func orgs(_ f: Fixture, _ email: String) throws -> String? {
        try f.roster.users.list(UserQuery(filter: email, limit: 5), by: f.root).rows.first { $0.email.value == email }?.orgs
    }

    /// What the column should say: the user's memberships, by name regardless of case.
    static func expected(_ f: Fixture, _ user: UserID) throws -> String {
        try f.roster.users.memberships(of: user).map(\.orgName)
            .sorted { $0.lowercased() < $1.lowercased() }.joined(separator: ", ")
    }

    @Test("joining orgs lists them by name regardless of case; a user in none shows nothing", arguments: Backend.all)
    func joining(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let beta = try f.roster.orgs.create(name: "beta", by: f.root)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        let zulu = try f.roster.orgs.create(name: "Zulu", by: f.root)
        let ann = try f.user("ann@example.com", .standard, org: zulu.id)
        #expect(try Self.orgs(f, "ann@example.com") == "Zulu")
        _ = try f.roster.orgs.addMember(ann.id, to: beta.id, role: .member, by: f.root)
        _ = try f.roster.orgs.addMember(ann.id, to: acme.id, role: .orgAdmin, by: f.root)
        #expect(try Self.orgs(f, "ann@example.com") == "Acme, beta, Zulu")
        try f.user("bob@example.com", .standard)
        #expect(try Self.orgs(f, "bob@example.com") == "")
    }

    @Test("renaming an org renames it in every member's Orgs, in its new place; a role change leaves the names", arguments: Backend.all)
    func renaming(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        let beta = try f.roster.orgs.create(name: "Beta", by: f.root)
        let ann = try f.user("ann@example.com", .standard, org: acme.id)
        try f.user("bob@example.com", .standard, org: acme.id)
        try f.user("cy@example.com", .standard, org: beta.id)
        _ = try f.roster.orgs.addMember(ann.id, to: beta.id, role: .member, by: f.root)
        _ = try f.roster.orgs.rename(acme.id, to: "Omega", by: f.root)
        #expect(try Self.orgs(f, "ann@example.com") == "Beta, Omega")
        #expect(try Self.orgs(f, "bob@example.com") == "Omega")
        #expect(try Self.orgs(f, "cy@example.com") == "Beta", "a user outside the renamed org keeps their row")
        _ = try f.roster.orgs.changeOrgRole(ann.id, in: beta.id, to: .orgAdmin, by: f.root)
        #expect(try Self.orgs(f, "ann@example.com") == "Beta, Omega")
        _ = try f.roster.orgs.rename(beta.id, to: "BETA", by: f.root)
        #expect(try Self.orgs(f, "ann@example.com") == "BETA, Omega", "a rename in case alone reaches the rows too")
        #expect(try Self.orgs(f, "cy@example.com") == "BETA")
    }

    @Test("a membership moved to another org or user by a raw UPDATE follows to both rows (SQLite's triggers)")
    func moved() throws {
        let f = try Fixture(.sqlite)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        let beta = try f.roster.orgs.create(name: "Beta", by: f.root)
        let ann = try f.user("ann@example.com", .standard, org: acme.id)
        let bob = try f.user("bob@example.com", .standard)
        try f.database.write { db in
            try db.execute(sql: "UPDATE membership SET orgId = ? WHERE userId = ?", arguments: [beta.id, ann.id])
        }
        #expect(try Self.orgs(f, "ann@example.com") == "Beta")
        try f.database.write { db in
            try db.execute(sql: "UPDATE membership SET userId = ? WHERE userId = ?", arguments: [bob.id, ann.id])
        }
        #expect(try Self.orgs(f, "ann@example.com") == "")
        #expect(try Self.orgs(f, "bob@example.com") == "Beta")
    }

    @Test("leaving an org, or the org being deleted, takes its name away; deleting a member works as before", arguments: Backend.all)
    func leaving(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        let beta = try f.roster.orgs.create(name: "Beta", by: f.root)
        let gamma = try f.roster.orgs.create(name: "Gamma", by: f.root)
        let ann = try f.user("ann@example.com", .standard, org: acme.id)
        let bob = try f.user("bob@example.com", .standard, org: gamma.id)
        for org in [beta, gamma] { _ = try f.roster.orgs.addMember(ann.id, to: org.id, role: .member, by: f.root) }
        try f.roster.orgs.removeMember(ann.id, from: beta.id, by: f.root)
        #expect(try Self.orgs(f, "ann@example.com") == "Acme, Gamma")
        _ = try f.roster.orgs.delete(gamma.id, by: f.root)
        #expect(try Self.orgs(f, "ann@example.com") == "Acme")
        #expect(try Self.orgs(f, "bob@example.com") == "")
        try f.roster.orgs.removeMember(ann.id, from: acme.id, by: f.root)
        #expect(try Self.orgs(f, "ann@example.com") == "")
        _ = try f.roster.users.delete(bob.id, by: f.root)
        #expect(try Self.orgs(f, "bob@example.com") == nil)
    }

    @Test("a page whose users are in more than 500 orgs between them names every one (SQLite reads all orgs then)")
    func manyOrgs() throws {
        let f = try Fixture(.sqlite)
        let ann = try f.user("ann@example.com", .standard)
        try f.database.write { db in
            for index in 1...501 {
                try db.execute(sql: "INSERT INTO org (name, createdAt) VALUES (?, '2024-01-01')", arguments: ["Org \(index)"])
                try db.execute(sql: "INSERT INTO membership (userId, orgId, role, createdAt) VALUES (?, ?, 'member', '2024-01-01')",
                               arguments: [ann.id, db.lastInsertedRowID])
            }
        }
        let names = try #require(try Self.orgs(f, "ann@example.com")).components(separatedBy: ", ")
        #expect(names.count == 501)
        #expect(names.prefix(3) == ["Org 1", "Org 10", "Org 100"], "in name order")
        #expect(names == (try Self.expected(f, ann.id)).components(separatedBy: ", "))
    }

    @Test("users loaded in bulk (the demo) show exactly their memberships", arguments: Backend.all)
    func bulkLoaded(_ backend: Backend) throws {
        let f = try Fixture(backend)
        _ = try DemoSeeder(roster: f.roster).seed(users: 300)
        let rows = try f.roster.users.list(UserQuery(sort: UserSort(.created), limit: 400), by: f.root).rows
        #expect(rows.count > 300)
        #expect(rows.contains { $0.orgs.contains(", ") }, "some demo users are in two orgs")
        for row in rows {
            #expect(row.orgs == (try Self.expected(f, row.id)), "\(row.email.value)")
        }
    }

    @Test("upgrading an SQLite database names the orgs of the memberships it already holds")
    func sqliteMigration() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v17-search-positions")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO org (id, name, createdAt) VALUES (1, 'beta', '2024-01-01'), (2, 'Zulu', '2024-01-01'), (3, 'Alpha', '2024-01-01');
                INSERT INTO user (id, email, firstName, lastName, kind, systemRole, status, createdAt, searchText) VALUES
                    (1, 'a@example.com', 'A', '', 'standard', 1, 'active', '2024-01-01', 'a a@example.com'),
                    (2, 'b@example.com', 'B', '', 'standard', 1, 'active', '2024-01-01', 'b b@example.com');
                INSERT INTO membership (userId, orgId, role, createdAt) VALUES
                    (1, 1, 'member', '2024-01-01'), (1, 2, 'member', '2024-01-01'), (1, 3, 'member', '2024-01-01');
                """)
        }
        try Migrations.migrator.migrate(queue)
        let f = try Fixture(database: AppDatabase(writer: queue, path: nil))
        #expect(try Self.orgs(f, "a@example.com") == "Alpha, beta, Zulu")
        #expect(try Self.orgs(f, "b@example.com") == "")
    }
}
