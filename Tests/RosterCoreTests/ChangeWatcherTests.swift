import Foundation
import GRDB
import Testing
@testable import RosterCore

@Suite("Change watcher")
struct ChangeWatcherTests {
    @Test("the version moves when another connection commits, and only then")
    func versionMoves() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = try AppDatabase.open(path: path)
        let watcher = try #require(try database.changeWatcher())
        let first = try watcher.version()
        #expect(try watcher.version() == first)
        try database.write { db in try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('x', 'y')") }
        #expect(try watcher.version() != first)
        #expect(try AppDatabase.inMemory().changeWatcher() == nil)
    }
}
