import Foundation
import RosterTestSupport
import Testing
@testable import RosterCore

@Suite("Remembered user counts")
struct CountCacheTests {
    @Test("a remembered count follows every add, rename and removal", arguments: Backend.all)
    func follows(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.user("admin@example.com", .administrator)
        let actor = try f.actor(admin)
        let mei = try f.user("mei@example.com", .standard)
        #expect(try f.roster.users.count(matching: "tanaka", by: actor) == 0)
        #expect(try f.roster.users.count(matching: nil, by: actor) == 2)
        let created = try f.user("hana.tanaka@example.com", .standard)
        #expect(try f.roster.users.count(matching: "tanaka", by: actor) == 1, "added")
        #expect(try f.roster.users.count(matching: nil, by: actor) == 3)
        _ = try f.roster.users.updateProfile(mei.id, ProfileChange(lastName: "Tanaka"), by: actor)
        #expect(try f.roster.users.count(matching: "tanaka", by: actor) == 2, "renamed")
        _ = try f.roster.users.delete(created.id, by: actor)
        #expect(try f.roster.users.count(matching: "tanaka", by: actor) == 1, "removed")
        #expect(try f.roster.users.count(matching: nil, by: actor) == 2)
    }

    @Test("on PostgreSQL the order version moves with a new user or a new name, not with a lock or a deactivation",
          .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
    func postgresVersion() throws {
        let f = try Fixture(.postgres)
        func version() throws -> Int64 {
            try f.roster.stores.read { tx in
                guard let users = tx.users as? PostgresUserStore else { throw RosterError.database(.other("not PostgreSQL")) }
                return try users.orderVersion()
            }
        }
        let admin = try f.user("admin@example.com", .administrator)
        let actor = try f.actor(admin)
        let start = try version()
        let mei = try f.user("mei@example.com", .standard)
        let added = try version()
        #expect(added != start, "added")
        _ = try f.roster.users.lock(mei.id, by: actor)
        _ = try f.roster.users.deactivate(mei.id, by: actor)
        #expect(try version() == added, "a lock and a deactivation leave names and emails as they were")
        _ = try f.roster.users.updateProfile(mei.id, ProfileChange(lastName: "Tanaka"), by: actor)
        let renamed = try version()
        #expect(renamed != added, "renamed")
        _ = try f.roster.users.delete(mei.id, by: actor)
        #expect(try version() != renamed, "removed")
    }

    @Test("on PostgreSQL a bulk write moves the order version once, not once per user it writes",
          .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
    func postgresBulkVersion() throws {
        let f = try Fixture(.postgres)
        let before = try f.roster.stores.read { tx in try Self.postgres(tx).orderVersion() }
        let (updates, after) = try f.roster.stores.write { tx in
            let users = try Self.postgres(tx)
            try users.deferringSearchGrams {
                for name in ["ana", "mei", "yuki"] {
                    _ = try users.insert(User(id: UserID(rawValue: 0), email: try Email("\(name)@example.com"), firstName: name,
                                              lastName: "Bulk", kind: .standard, systemRole: .standard, status: .active,
                                              lockedByAdmin: false, lockedUntil: nil, failedSignIns: 0, passwordHash: nil,
                                              passwordChangeRequired: false, mfaEnrollmentRequired: false, mfaEnabled: false,
                                              termsAcceptanceRequired: false, termsAcceptedAt: nil, timeZone: nil,
                                              logOutAfterMinutes: nil, createdAt: f.clock.now, lastSignInAt: nil, version: 1))
                }
                _ = try users.db.execute("UPDATE users SET firstName = 'Renamed', searchText = 'renamed' || searchText")
            }
            // This transaction's own updates of the row: one per statement would be four.
            let counted = try users.db.execute("SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'userorder'")
            return (counted.int(0, 0), try users.orderVersion())
        }
        #expect(updates == 1)
        #expect(after != before, "the users changed, so the version moved")
    }

    private static func postgres(_ tx: StoreTransaction) throws -> PostgresUserStore {
        guard let users = tx.users as? PostgresUserStore else { throw RosterError.database(.other("not PostgreSQL")) }
        return users
    }

    @Test("the cache answers again without counting, and forgets at a new version")
    func remembers() throws {
        let cache = UserCountCache()
        var computed = 0
        func count(_ key: String, _ version: Int64) -> Int { cache.count(key, at: version) { computed += 1; return computed } }
        #expect(count("tan", 1) == 1)
        #expect(count("tan", 1) == 1)
        #expect(count("", 1) == 2)
        #expect(count("tan", 2) == 3, "a new version counts again")
        #expect(computed == 3)
    }

    @Test("a count up to a limit stops past it, and is remembered apart from the exact one", arguments: Backend.all)
    func upTo(_ backend: Backend) throws {
        let f = try Fixture(backend)
        for i in 0..<12 { try f.user("tanaka\(i)@example.com", .standard) }
        let root = f.root
        #expect(try f.roster.users.count(matching: "ta", upTo: 5, by: root) == 6, "a scan stops at the sixth hit: more than 5")
        #expect(try f.roster.users.count(matching: "ta", by: root) == 12)
        #expect(try f.roster.users.count(matching: "ta", upTo: 5, by: root) == 6)
        #expect(try f.roster.users.count(matching: "ta", upTo: 100, by: root) == 12, "under the limit it is exact")
        #expect(try f.roster.users.count(matching: "tanaka", upTo: 5, by: root) == 6, "trigram hits checked one by one stop too")
        #expect(try f.roster.users.count(matching: "tanaka", upTo: 100, by: root) == 12)
        #expect(try f.roster.users.count(matching: "tanakaz", upTo: 100, by: root) == 0)
        let everyone = try f.roster.users.count(matching: nil, by: root)
        #expect(everyone >= 12)
        #expect(try f.roster.users.count(matching: nil, upTo: 5, by: root) == 6, "no filter stops past the limit too")
        #expect(try f.roster.users.count(matching: nil, upTo: 100, by: root) == everyone)
    }
}
