import Foundation
import Testing
@testable import RosterCore

@Suite("Remembered user counts")
struct CountCacheTests {
    @Test("a remembered count follows every add, rename and removal")
    func follows() throws {
        let f = try Fixture()
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
}
