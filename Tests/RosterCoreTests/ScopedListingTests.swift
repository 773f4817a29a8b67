import Foundation
import RosterTestSupport
import Testing
@testable import RosterCore

/// A scoped reader's users table (org admins, everyone else) read from the per-org name
/// index agrees, page by page, with the same list computed in Swift.
@Suite("Scoped listing")
struct ScopedListingTests {
    struct World {
        let f: Fixture
        let orgs: [Org]
        let twoOrgAdmin: Actor, oneOrgAdmin: Actor, loner: Actor

        init(_ backend: Backend = .sqlite) throws {
            let f = try Fixture(backend)
            self.f = f
            let orgs = try ["Acme", "Beta", "Gamma"].map { try f.roster.orgs.create(name: $0, by: f.root) }
            self.orgs = orgs
            let names = ["Ana Souza", "ana souza", "Zoë Brown", "Émile Zola", "Bob", "bob", "Chen Wei", "O'Neil", "Åsa Berg", "ana-maria"]
            for i in 0..<45 {
                let org = orgs[i % 3]
                let user = try f.roster.users.create(NewUser(
                    email: "u\(i)@example.com", firstName: names[i % names.count], lastName: "N\(i % 4)", password: .none,
                    passwordChangeRequired: false, termsAcceptanceRequired: false, org: org.id), by: f.root).user
                if i % 5 == 0 { _ = try f.roster.orgs.addMember(user.id, to: orgs[(i + 1) % 3].id, role: .member, by: f.root) }
            }
            let two = try f.user("two@example.com", .standard, org: orgs[0].id, orgRole: .orgAdmin)
            _ = try f.roster.orgs.addMember(two.id, to: orgs[1].id, role: .orgAdmin, by: f.root)
            twoOrgAdmin = try f.actor(two)
            oneOrgAdmin = try f.actor(f.user("one@example.com", .standard, org: orgs[2].id, orgRole: .orgAdmin))
            loner = try f.actor(f.user("loner@example.com", .standard))
        }
    }

    /// Every page of the list as `actor` reads it, `size` rows a page, following the cursor.
    static func walk(_ f: Fixture, _ actor: Actor, ascending: Bool, filter: String?, size: Int, column: UserSortColumn = .name) throws -> [String] {
        var emails: [String] = []
        var position = UserPagePosition.first
        while true {
            let page = try f.roster.users.list(UserQuery(filter: filter, sort: UserSort(column, ascending: ascending), position: position, limit: size), by: actor)
            emails += page.rows.map(\.email.value)
            guard page.hasMoreAfter, let last = page.rows.last else { return emails }
            position = .after(UserCursor(row: last, column: column))
        }
    }

    /// The same list from every row, checked in Swift: who the actor may see, then the order.
    static func reference(_ w: World, _ actor: Actor, ascending: Bool, filter: String?) throws -> [String] {
        let everyone = try w.f.roster.users.list(UserQuery(filter: filter, limit: 1000)).rows
        let visibility = Policy.visibility(for: actor)
        let visible = try everyone.filter { row in
            let orgs = Set(try w.f.roster.users.memberships(of: row.id).map(\.orgId))
            return visibility.includes(PolicyTarget(id: row.id, systemRole: .standard, orgs: orgs))
        }
        let sorted = visible.sorted { a, b in
            let (x, y) = (a.name.lowercased(), b.name.lowercased())
            return x != y ? x < y : a.id.rawValue < b.id.rawValue
        }
        return (ascending ? sorted : sorted.reversed()).map(\.email.value)
    }

    @Test("pages in name order, both ways, with and without a filter, for one org, two orgs and nobody's",
          arguments: Backend.all, [nil, "ana", "zz", "n1"])
    func agreesWithReference(_ backend: Backend, filter: String?) throws {
        let w = try World(backend)
        if backend == .sqlite {
            let blank = try w.f.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM membership WHERE userName = ''") }
            #expect(blank == 0, "every membership carries its user's name")
        }
        for actor in [w.twoOrgAdmin, w.oneOrgAdmin, w.loner] {
            for ascending in [true, false] {
                let expected = try Self.reference(w, actor, ascending: ascending, filter: filter)
                #expect(try Self.walk(w.f, actor, ascending: ascending, filter: filter, size: 4) == expected, "\(actor.label) \(ascending)")
                #expect(try w.f.roster.users.count(matching: filter, by: actor) == expected.count)
            }
        }
    }

    @Test("a renamed member moves in the org's name order at once", arguments: Backend.all)
    func renameFollows(_ backend: Backend) throws {
        let w = try World(backend)
        let first = try #require(try w.f.roster.users.list(UserQuery(limit: 1), by: w.oneOrgAdmin).rows.first)
        _ = try w.f.roster.users.updateProfile(first.id, ProfileChange(firstName: "Zzyzx"), by: w.f.root)
        #expect(try Self.walk(w.f, w.oneOrgAdmin, ascending: true, filter: nil, size: 5) == Self.reference(w, w.oneOrgAdmin, ascending: true, filter: nil))
        #expect(try w.f.roster.users.list(UserQuery(filter: "zzyzx", limit: 5), by: w.oneOrgAdmin).rows.map(\.id) == [first.id])
    }

    @Test("every sort and direction gives a scoped reader the same rows in the same order on both backends",
          .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)), arguments: [nil, "ana"])
    func everySortAgrees(filter: String?) throws {
        let sqlite = try World(.sqlite), postgres = try World(.postgres)
        for (index, actor) in [sqlite.twoOrgAdmin, sqlite.oneOrgAdmin, sqlite.loner].enumerated() {
            let other = [postgres.twoOrgAdmin, postgres.oneOrgAdmin, postgres.loner][index]
            let expected = Set(try Self.reference(sqlite, actor, ascending: true, filter: filter))
            // Sorting by system role is refused to org admins (they may not see roles).
            for column in UserSortColumn.allCases where column != .role {
                for ascending in [true, false] {
                    let rows = try Self.walk(sqlite.f, actor, ascending: ascending, filter: filter, size: 4, column: column)
                    #expect(Set(rows) == expected && rows.count == expected.count, "\(actor.label) \(column) \(ascending)")
                    #expect(try Self.walk(postgres.f, other, ascending: ascending, filter: filter, size: 4, column: column) == rows,
                            "\(actor.label) \(column) \(ascending)")
                }
            }
        }
    }
}
