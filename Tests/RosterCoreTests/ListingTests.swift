import Foundation
import GRDB
import RosterTestSupport
import Testing
@testable import RosterCore

@Suite("Users listing")
struct ListingTests {
    /// 60 users with repeated names, roles, statuses and some never-signed-in, written at once
    /// through the backend's bulk loader.
    static func populated(_ backend: Backend = .sqlite) throws -> Fixture {
        let f = try Fixture(backend)
        let names = ["Ana", "ana", "Bo", "Çelik", "Zoë", "李", "Mei"]
        var users: [BulkUser] = []
        for i in 0..<60 {
            let created = Date(timeIntervalSince1970: 1_600_000_000 + Double(i % 7) * 3600)
            let signedIn: Date? = i % 3 == 0 ? nil : Date(timeIntervalSince1970: 1_700_000_000 + Double(i % 5) * 60)
            let status: AccountStatus = i % 4 == 0 ? .deactivated : .active
            let role = SystemRole(rawValue: i % 5) ?? .standard
            users.append(BulkUser(email: "u\(i)@example.com", firstName: names[i % names.count], lastName: "Tester", kind: .standard,
                                  systemRole: role, status: status, lockedByAdmin: false, mfaEnabled: false,
                                  createdAt: created, lastSignInAt: signedIn, memberships: []))
        }
        try f.roster.stores.bulkLoad { load in try load(users) }
        return f
    }

    /// Reads the whole list page by page, forward.
    static func walk(_ f: Fixture, sort: UserSort, filter: String? = nil, pageSize: Int = 7) throws -> [UserRow] {
        var rows: [UserRow] = []
        var position = UserPagePosition.first
        while true {
            let page = try f.roster.users.list(UserQuery(filter: filter, sort: sort, position: position, limit: pageSize))
            rows += page.rows
            guard page.hasMoreAfter, let last = page.rows.last else { break }
            position = .after(UserCursor(row: last, column: sort.column))
        }
        return rows
    }

    /// Reads the whole list page by page, backward from the end; the rows in sort order.
    static func walkBackward(_ f: Fixture, sort: UserSort, pageSize: Int = 9) throws -> [UserRow] {
        var page = try f.roster.users.list(UserQuery(sort: sort, position: .last, limit: pageSize))
        var rows = page.rows
        while page.hasMoreBefore, let first = page.rows.first {
            page = try f.roster.users.list(UserQuery(sort: sort, position: .before(UserCursor(row: first, column: sort.column)), limit: pageSize))
            rows = page.rows + rows
        }
        return rows
    }

    /// The same order computed in Swift from one unpaginated read, for comparison.
    static func reference(_ f: Fixture, sort: UserSort, filter: String? = nil) throws -> [UserID] {
        let all = try walk(f, sort: UserSort(.email), filter: filter, pageSize: 1000)
        func key(_ row: UserRow) -> (String, Int64) {
            switch sort.column {
            case .name: (row.name.lowercased(), row.id.rawValue)
            case .email: (row.email.value, row.id.rawValue)
            case .role: (String(row.systemRole?.rawValue ?? -1), row.id.rawValue)
            case .status: (row.status.rawValue, row.id.rawValue)
            case .created: (String(row.createdAt.timeIntervalSince1970), row.id.rawValue)
            case .lastSignIn: (row.lastSignInAt.map { String($0.timeIntervalSince1970) } ?? "", row.id.rawValue)
            case .id: ("", row.id.rawValue)
            }
        }
        let sorted = all.sorted { key($0) < key($1) }
        return (sort.ascending ? sorted : sorted.reversed()).map(\.id)
    }

    static let sorts = UserSortColumn.allCases.flatMap { [UserSort($0, ascending: true), UserSort($0, ascending: false)] }

    @Test("paging forward through every sort, both directions, visits each user once in order",
          arguments: Backend.all, sorts)
    func keysetWalk(_ backend: Backend, sort: UserSort) throws {
        let f = try Self.populated(backend)
        let walked = try Self.walk(f, sort: sort).map(\.id)
        #expect(walked.count == 60)
        #expect(Set(walked).count == 60)
        if sort.column != .name {  // NOCASE vs Swift lowercasing differ on non-ASCII; names are checked below
            #expect(walked == (try Self.reference(f, sort: sort)))
        }
    }

    @Test("both backends put the users in the very same order, for every sort and filter",
          .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)), arguments: [nil, "ana", "e", "李"])
    func backendsAgree(filter: String?) throws {
        let sqlite = try Self.populated(.sqlite)
        let postgres = try Self.populated(.postgres)
        for sort in Self.sorts {
            let rows = try Self.walk(sqlite, sort: sort, filter: filter)
            #expect(rows.map(\.email) == (try Self.walk(postgres, sort: sort, filter: filter)).map(\.email), "\(sort)")
            #expect(try sqlite.roster.users.count(matching: filter) == postgres.roster.users.count(matching: filter))
        }
    }

    @Test("a page that ends exactly where those who never signed in begin or end still leads on to the rest",
          arguments: Backend.all)
    func pageEndsAtTheNullsEdge(_ backend: Backend) throws {
        let f = try Self.populated(backend)
        // 20 users never signed in and 40 did: pages of 4, 5 and 10 end right at the edge.
        for ascending in [true, false] {
            let sort = UserSort(.lastSignIn, ascending: ascending)
            let whole = try Self.walk(f, sort: sort, pageSize: 100).map(\.id)
            #expect(whole.count == 60)
            for size in [4, 5, 10] {
                #expect(try Self.walk(f, sort: sort, pageSize: size).map(\.id) == whole, "pages of \(size), ascending: \(ascending)")
                #expect(try Self.walkBackward(f, sort: sort, pageSize: size).map(\.id) == whole,
                        "pages of \(size) from the end, ascending: \(ascending)")
            }
        }
    }

    @Test("names sort case-insensitively, ties broken by id", arguments: Backend.all)
    func nameOrder(_ backend: Backend) throws {
        let f = try Self.populated(backend)
        let rows = try Self.walk(f, sort: UserSort(.name))
        let anas = rows.prefix(18)
        #expect(anas.allSatisfy { $0.name.lowercased() == "ana tester" })
        #expect(anas.map(\.id) == anas.map(\.id).sorted())
    }

    @Test("paging backward from the end returns the same rows as paging forward", arguments: Backend.all)
    func backward(_ backend: Backend) throws {
        let f = try Self.populated(backend)
        for column in UserSortColumn.allCases {
            let sort = UserSort(column)
            let forward = try Self.walk(f, sort: sort).map(\.id)
            #expect(try Self.walkBackward(f, sort: sort).map(\.id) == forward, "\(column)")
        }
    }

    @Test("the filter matches substrings of name or email, case-insensitively, and treats % and _ literally", arguments: Backend.all)
    func filter(_ backend: Backend) throws {
        let f = try Self.populated(backend)
        #expect(try Self.walk(f, sort: UserSort(), filter: "ANA").count == 18)
        #expect(try f.roster.users.count(matching: "ana") == 18)
        #expect(try Self.walk(f, sort: UserSort(), filter: "u1@").map(\.email.value) == ["u1@example.com"])
        #expect(try f.roster.users.count(matching: "%") == 0)
        #expect(try f.roster.users.count(matching: "_") == 0)
        #expect(try f.roster.users.count(matching: "李") == 8)
        #expect(try f.roster.users.count(matching: nil) == 60)
    }

    @Test("the listing query walks an index, never the whole table", arguments: UserSortColumn.allCases)
    func usesIndex(column: UserSortColumn) throws {
        let f = try Self.populated()
        let statement = UserListingSQL.pageIDs(UserQuery(sort: UserSort(column), limit: 40), from: .table(needle: nil))
        let plan = try f.database.read { db in
            // Top-level steps only: the per-row org-name subquery sorts a handful of names, which is fine.
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.arguments)
                .filter { ($0["parent"] as Int? ?? -1) == 0 }
                .map { $0["detail"] as String? ?? "" }
        }
        #expect(!plan.contains { $0.contains("USE TEMP B-TREE FOR ORDER BY") }, "\(plan)")
        // The id order is the table's own (rowid): it needs no index, and no sort either.
        let walksIndex = plan.contains { $0.contains("USING") && $0.contains("INDEX") }
        #expect(walksIndex || (column == .id && plan == ["SCAN user"]), "\(plan)")
    }

    @Test("a page past a cursor seeks the index to it in every sort order, both ways, never reading from the start",
          arguments: UserSortColumn.allCases)
    func seeksPastCursor(column: UserSortColumn) throws {
        let f = try Self.populated()
        let keys: [UserCursor.Key] = switch column {
        case .name, .email: [.text("m")]
        case .role: [.integer(Int64(SystemRole.standard.rawValue))]
        case .status: [.text(AccountStatus.active.rawValue)]
        case .created: [.date(Date(timeIntervalSince1970: 1_750_000_000))]
        case .lastSignIn: [.date(Date(timeIntervalSince1970: 1_750_000_000)), .none]
        case .id: [.integer(30)]
        }
        for key in keys {
            for ascending in [true, false] {
                for position in [UserPagePosition.after(UserCursor(key: key, id: UserID(rawValue: 30))), .before(UserCursor(key: key, id: UserID(rawValue: 30)))] {
                    let statement = UserListingSQL.pageIDs(UserQuery(sort: UserSort(column, ascending: ascending), position: position, limit: 40),
                                                           from: .table(needle: nil))
                    let plan = try f.database.read { db in
                        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.arguments).map { $0["detail"] as String? ?? "" }
                    }
                    let reads = plan.filter { $0.contains(" user ") || $0.hasSuffix(" user") }
                    #expect(!reads.isEmpty && reads.allSatisfy { $0.hasPrefix("SEARCH user") && $0.contains("(") }, "\(column) \(key) \(ascending) \(position): \(plan)")
                    // The rows sharing the cursor's key are sought by key and id together, not read from the key's
                    // first (an email is unique, and the id is the key itself).
                    #expect(column == .id || column == .email || reads.contains { $0.contains("=? AND ") && ($0.contains("id>?)") || $0.contains("id<?)")) }, "\(column) \(key) \(ascending) \(position): \(plan)")
                }
            }
        }
    }

    @Test("rows show each user's orgs, alphabetically", arguments: Backend.all)
    func orgsColumn(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let beta = try f.roster.orgs.create(name: "Beta", by: f.root)
        let alpha = try f.roster.orgs.create(name: "alpha", by: f.root)
        let user = try f.user("x@example.com", .standard, org: beta.id)
        _ = try f.roster.orgs.addMember(user.id, to: alpha.id, role: .member, by: f.root)
        // ASCII case folded, then byte order: "_" before letters, "Ä" after them all.
        // "Café" composed and decomposed are two orgs, ordered by their bytes (e, 0x65, first).
        for name in ["Zed", "Ärzte", "_x", "zebra", "Caf\u{E9}", "Cafe\u{301}"] {
            _ = try f.roster.orgs.addMember(user.id, to: f.roster.orgs.create(name: name, by: f.root).id, role: .member, by: f.root)
        }
        let expected = "_x, alpha, Beta, Cafe\u{301}, Caf\u{E9}, zebra, Zed, Ärzte"
        // Compared as bytes: Swift's == takes the two Cafés for one.
        #expect(try f.roster.users.list(UserQuery()).rows.first.map { Array($0.orgs.utf8) } == Array(expected.utf8))
        // Selections (exports, bulk actions) join the names from the memberships they read.
        let selected = try f.roster.users.select(UserSelection(text: "x@example.com"), by: f.root).users
        #expect(selected.map { Array($0.row.orgs.utf8) } == [Array(expected.utf8)])
    }
}

extension ListingTests {
    @Test("a rare filter over more users than a walk reads is served whole, in order, both ways", arguments: Backend.all)
    func rareFilterPastTheWalk(_ backend: Backend) throws {
        let f = try Fixture(backend)
        var users: [BulkUser] = []
        for i in 0..<5_000 {
            // Every 700th person is a rare "Zqx…" spread through the name order.
            let first = i % 700 == 0 ? "Zqxa\(i)" : "Name\(i % 97)"
            users.append(BulkUser(email: "p\(i)@example.com", firstName: first, lastName: "Person\(i % 13)", kind: .standard,
                                  systemRole: .standard, status: .active, lockedByAdmin: false, mfaEnabled: false,
                                  createdAt: Date(timeIntervalSince1970: 1_600_000_000 + Double(i)), lastSignInAt: nil, memberships: []))
        }
        try f.roster.stores.bulkLoad { load in try load(users) }
        for sort in [UserSort(.name), UserSort(.name, ascending: false), UserSort(.created), UserSort(.email, ascending: false)] {
            // Pages of 3 fill from a short walk; a page of 10 can't, and the trigram index answers.
            for size in [3, 10] {
                let walked = try Self.walk(f, sort: sort, filter: "zqx", pageSize: size)
                #expect(walked.count == 8, "\(sort)")
                #expect(walked.map(\.id) == (try Self.reference(f, sort: sort, filter: "zqx")), "\(sort)")
            }
        }
        #expect(try f.roster.users.count(matching: "ZQX") == 8)
    }
}
