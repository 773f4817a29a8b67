import Foundation
import GRDB
import RosterTestSupport
import Testing
@testable import RosterCore

@Suite("Change watcher")
struct ChangeWatcherTests {
    @Test("the version moves when another connection commits, and only then")
    func versionMoves() throws {
        // A folder of its own: the database leaves its name order's lock file beside it.
        let path = try Scratch.folder("watch") + "/roster.sqlite"
        let database = try AppDatabase.open(path: path)
        let watcher = try #require(try database.changeWatcher())
        let first = try watcher.version()
        #expect(try watcher.version() == first)
        try database.write { db in try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('x', 'y')") }
        #expect(try watcher.version() != first)
        #expect(try AppDatabase.inMemory().changeWatcher() == nil)
    }
}

extension ChangeWatcherTests {
    @Test("another host's change reaches this one's watcher within a second, and reads show it", arguments: Backend.all)
    func anotherHost(_ backend: Backend) throws {
        let (here, there, cleanup) = try Fixture.pair(backend)
        defer { cleanup() }
        let watcher = try #require(try here.roster.stores.changeWatcher())
        let first = try watcher.version()
        #expect(try watcher.version() == first, "nothing committed yet")
        let created = try there.user("elsewhere@example.com", .standard)
        let deadline = Date().addingTimeInterval(1)
        var seen = try watcher.version()
        while seen == first, Date() < deadline {
            usleep(20_000)
            seen = try watcher.version()
        }
        #expect(seen != first, "the change was seen within a second")
        #expect(try here.roster.users.list(UserQuery(filter: "elsewhere")).rows.map(\.id) == [created.id])
    }
}
