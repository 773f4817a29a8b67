import Foundation
import GRDB
import Testing
@testable import RosterCore

@Suite("Users listing: dormant users only (no sign-in for N days)")
struct DormantListingTests {
    /// The 60 listing users, a third of them signed in ten days ago.
    static func populated(_ backend: Backend = .sqlite) throws -> Fixture {
        let f = try ListingTests.populated(backend)
        let recent = f.clock.now.addingTimeInterval(-10 * 86_400)
        switch backend {
        case .sqlite:
            try f.database.write { db in
                try db.execute(sql: "UPDATE user SET lastSignInAt = ? WHERE id % 3 = 1", arguments: [recent])
            }
        case .postgres:
            try f.roster.stores.write { tx in
                let users = try #require(tx.users as? PostgresUserStore)
                try users.db.execute("UPDATE users SET lastSignInAt = $1 WHERE id % 3 = 1", [recent])
            }
        }
        return f
    }

    static func walk(_ f: Fixture, sort: UserSort, filter: String? = nil, days: Int, backwards: Bool = false) throws -> [UserRow] {
        var rows: [UserRow] = []
        var position: UserPagePosition = backwards ? .last : .first
        while true {
            let page = try f.roster.users.list(UserQuery(filter: filter, sort: sort, position: position, limit: 7, noSignInForDays: days), by: f.root)
            rows = backwards ? page.rows + rows : rows + page.rows
            if backwards {
                guard page.hasMoreBefore, let first = page.rows.first else { break }
                position = .before(UserCursor(row: first, column: sort.column))
            } else {
                guard page.hasMoreAfter, let last = page.rows.last else { break }
                position = .after(UserCursor(row: last, column: sort.column))
            }
        }
        return rows
    }

    @Test("pages forward and backward hold exactly the dormant users, in order, for each sort and with a filter",
          arguments: Backend.all, [UserSortColumn.name, .email, .lastSignIn, .created])
    func dormantPages(_ backend: Backend, column: UserSortColumn) throws {
        let f = try Self.populated(backend)
        let cutoff = f.clock.now.addingTimeInterval(-30 * 86_400)
        for filter in [nil, "ana"] as [String?] {
            let all = try ListingTests.walk(f, sort: UserSort(column), filter: filter)
            let expected = all.filter { ($0.lastSignInAt ?? $0.createdAt) < cutoff }
            #expect(!expected.isEmpty && expected.count < all.count)
            #expect(try Self.walk(f, sort: UserSort(column), filter: filter, days: 30).map(\.id) == expected.map(\.id))
            #expect(try Self.walk(f, sort: UserSort(column), filter: filter, days: 30, backwards: true).map(\.id) == expected.map(\.id))
            let counted = try f.roster.users.count(UserSelection(text: filter, noSignInForDays: 30), by: f.root)
            #expect(counted == expected.count, "the count agrees with the list")
        }
        #expect(try Self.walk(f, sort: UserSort(column), days: 5).count == (try ListingTests.walk(f, sort: UserSort(column)).count),
                "ten days ago is dormant at five days")
    }
}
