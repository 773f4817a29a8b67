import Foundation
import Testing
@testable import RosterCore

@Suite("Selecting and exporting users")
struct SelectionTests {
    @Test("each filter narrows the selection, and all of them together must hold", arguments: Backend.all)
    func filters(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        try f.user("ana@example.com", .standard, org: acme.id)
        let bo = try f.user("bo@example.com", .accountsAdmin, org: acme.id)
        try f.user("ro@example.com", .readOnly, kind: .readOnly)
        _ = try f.roster.users.lock(bo.id, by: f.root)
        func emails(_ selection: UserSelection) throws -> [String] {
            try f.roster.users.select(selection, sort: UserSort(.email), limit: 100, by: f.root).users.map(\.row.email.value)
        }
        #expect(try emails(UserSelection(org: acme.id)) == ["ana@example.com", "bo@example.com"])
        #expect(try emails(UserSelection(role: .accountsAdmin)) == ["bo@example.com"])
        #expect(try emails(UserSelection(kind: .readOnly)) == ["ro@example.com"])
        #expect(try emails(UserSelection(org: acme.id, locked: false)) == ["ana@example.com"])
        #expect(try emails(UserSelection(text: "BO", locked: true)) == ["bo@example.com"])
        #expect(try emails(UserSelection(status: .deactivated)).isEmpty)
        // Nobody has signed in, and the clock has not moved: nobody is dormant yet; 40 days on, all are.
        #expect(try emails(UserSelection(noSignInForDays: 30)).isEmpty)
        f.clock.advance(minutes: 40 * 24 * 60)
        #expect(try emails(UserSelection(noSignInForDays: 30)).count == 3)
    }

    @Test("an export walks every page once, in order, with names and org roles", arguments: Backend.all)
    func exportPages(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        for index in 0..<25 { try f.user(String(format: "u%02d@example.com", index), .standard, org: index % 2 == 0 ? acme.id : nil) }
        var pages: [[ExportedUser]] = []
        let count = try f.roster.users.export(UserSelection(), sort: UserSort(.email), pageSize: 10, by: f.root) { pages.append($0) }
        #expect(count == 25 && pages.map(\.count) == [10, 10, 5])
        let emails = pages.flatMap { $0 }.map(\.row.email.value)
        #expect(emails == emails.sorted() && Set(emails).count == 25)
        #expect(pages[0][0].memberships == [ExportedMembership(orgId: acme.id, org: "Acme", role: .member)])
        #expect(pages[0][0].lastName == "U00")
        // Each page arrives with its own users' memberships (PostgreSQL reads the next page's
        // while the one before is handed on).
        for user in pages.flatMap({ $0 }) {
            let index = Int(user.row.email.value.dropFirst().prefix(2)) ?? -1
            #expect(user.memberships.map(\.org) == (index % 2 == 0 ? ["Acme"] : []), "\(user.row.email.value)")
            #expect(user.row.orgs == (index % 2 == 0 ? "Acme" : ""))
        }
        #expect(try f.lastAudit().action == "user.export")
        var whole: [Int] = []
        try f.roster.users.export(UserSelection(), sort: UserSort(.email), pageSize: 5, by: f.root) { whole.append($0.count) }
        #expect(whole == [5, 5, 5, 5, 5], "a last page exactly full, then nothing more")
    }

    @Test("an export lists a user's orgs by name, ASCII case aside, byte by byte otherwise", arguments: Backend.all)
    func exportOrgOrder(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let names = ["beta", "Zed", "_x", "Alpha", "Ärzte", "zebra"]
        let orgs = try names.map { try f.roster.orgs.create(name: $0, by: f.root) }
        let user = try f.user("ana@example.com", .standard, org: orgs[0].id)
        for org in orgs.dropFirst() { try f.roster.orgs.addMember(user.id, to: org.id, role: .member, by: f.root) }
        var seen: [ExportedUser] = []
        try f.roster.users.export(UserSelection(), by: f.root) { seen += $0 }
        #expect(seen.first?.memberships.map(\.org) == ["_x", "Alpha", "beta", "zebra", "Zed", "Ärzte"])
    }

    @Test("an export stopped by its destination leaves the store working", arguments: Backend.all)
    func exportStopped(_ backend: Backend) throws {
        let f = try Fixture(backend)
        for index in 0..<30 { try f.user(String(format: "u%02d@example.com", index), .standard) }
        struct DiskFull: Error {}
        var pages = 0
        #expect(throws: DiskFull.self) {
            try f.roster.users.export(UserSelection(), sort: UserSort(.email), pageSize: 10, by: f.root) { _ in
                pages += 1
                if pages == 2 { throw DiskFull() }
            }
        }
        #expect(pages == 2)
        var count = 0
        try f.roster.users.export(UserSelection(), sort: UserSort(.email), pageSize: 10, by: f.root) { count += $0.count }
        #expect(count == 30)
        #expect(try f.roster.users.find("u29@example.com", by: f.root).email.value == "u29@example.com")
    }

    @Test("an org admin's export holds their org's members only, without system roles", arguments: Backend.all)
    func scopedExport(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        let admin = try f.actor(f.user("oa@example.com", .standard, org: acme.id, orgRole: .orgAdmin))
        try f.user("in@example.com", .standard, org: acme.id)
        try f.user("out@example.com", .standard)
        var seen: [ExportedUser] = []
        try f.roster.users.export(UserSelection(), by: admin) { seen += $0 }
        #expect(Set(seen.map(\.row.email.value)) == ["oa@example.com", "in@example.com"])
        #expect(seen.allSatisfy { $0.row.systemRole == nil })
        #expect(throws: Denial.cannotView(.systemRoles)) {
            try f.roster.users.export(UserSelection(role: .standard), by: admin) { _ in }
        }
    }

    @Test("an org admin sees a member's memberships in their own orgs only, in show, the drawer and exports", arguments: Backend.all)
    func otherOrgsHidden(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        let beta = try f.roster.orgs.create(name: "Beta Secret", by: f.root)
        let admin = try f.actor(f.user("oa@example.com", .standard, org: acme.id, orgRole: .orgAdmin))
        let shared = try f.user("shared@example.com", .standard, org: acme.id)
        _ = try f.roster.orgs.addMember(shared.id, to: beta.id, role: .member, by: f.root)
        #expect(try f.roster.users.find("shared@example.com", by: admin).memberships.map(\.orgName) == ["Acme"])
        #expect(try f.roster.users.detail(of: shared.id, by: admin).profile.memberships.map(\.orgName) == ["Acme"])
        var exported: [ExportedUser] = []
        try f.roster.users.export(UserSelection(text: "shared"), by: admin) { exported += $0 }
        #expect(exported.first?.memberships.map(\.org) == ["Acme"])
        #expect(exported.first?.row.orgs == "Acme")
        // Administrators see both, and so does the member themself.
        #expect(try f.roster.users.find("shared@example.com", by: f.root).memberships.count == 2)
        #expect(try f.roster.users.find("shared@example.com", by: f.actor(shared)).memberships.count == 2)
    }

    @Test("a selection's count is the number of users its pages hold, for the reader's visibility", arguments: Backend.all)
    func selectionCount(_ backend: Backend) throws {
        let f = try Fixture(backend)
        for index in 0..<7 { try f.user("u\(index)@example.com", .standard) }
        try f.user("r@example.com", .readOnly)
        let selection = UserSelection(role: .standard)
        let pages = try f.roster.users.select(selection, limit: 1000, by: f.root).users.count
        #expect(try f.roster.users.count(selection, by: f.root) == pages)
        #expect(pages == 7)
        f.clock.advance(minutes: 60 * 24 * 40)
        #expect(try f.roster.users.count(UserSelection(noSignInForDays: 30), by: f.root) == 8, "never signed in, created 40 days ago")
    }
}

