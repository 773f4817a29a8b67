import Foundation
import GRDB
import RosterTestSupport
import Testing
@testable import RosterCore

@Suite("Name order shared through a file")
struct NameOrderFileTests {
    static func database(users: Int) throws -> (Fixture, path: String) {
        let path = try Scratch.folder("names") + "/roster.sqlite"
        let f = try Fixture(database: AppDatabase.open(path: path))
        _ = try DemoSeeder(roster: f.roster).seed(users: users)
        return (f, path)
    }

    static func built(_ f: Fixture, path: String?) throws -> NameOrder.Snapshot {
        let order = NameOrder(databasePath: path)
        try f.database.read { db in try order.build(db) }
        return try #require(try f.database.read { db in order.snapshot(at: try NameOrder.version(db)) })
    }

    static func inode(_ path: String) throws -> UInt64 {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
    }

    @Test("the first console saves the order beside the database, mode 0600, and the next maps that file without reading the index")
    func sharedBetweenConsoles() throws {
        let (f, path) = try Self.database(users: 300)
        let file = NameOrderFile.path(forDatabase: path)
        let mine = try Self.built(f, path: nil)
        #expect(!mine.table.isShared)
        #expect(!FileManager.default.fileExists(atPath: file))

        let first = try Self.built(f, path: path)
        #expect(first.table.isShared)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let written = try Self.inode(file)

        let second = try Self.built(f, path: path)
        #expect(second.table.isShared)
        #expect(try Self.inode(file) == written, "mapped, not written again")
        let ids = try f.database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM user ORDER BY name COLLATE NOCASE, id") }
        #expect(first.count == Int32(ids.count))
        for (position, id) in ids.enumerated() {
            #expect(second.position(of: id) == Int32(position))
            #expect(mine.position(of: id) == Int32(position))
        }
        #expect(second.position(of: 1_000_000) == nil)
        #expect(second.position(of: -1) == nil)
    }

    @Test("a console that finds the order stale while another is saving it waits, then maps that console's file")
    func oneBuildsTheOthersWait() throws {
        let (f, path) = try Self.database(users: 100)
        let file = NameOrderFile.path(forDatabase: path)
        let database = try f.database
        let held = try #require(NameOrderFile.lockExclusively(file))
        let order = NameOrder(databasePath: path)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? database.read { db in try order.build(db) }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 0.3) == .timedOut, "waits for the lock")
        // The other console saves the order meanwhile.
        let mine = try Self.built(f, path: nil)
        try mine.table.withPositions { try NameOrderFile.save($0, count: mine.count, version: mine.version, to: file) }
        try SearchTextFileTests.save(f, version: mine.version, to: SearchTextFile.path(forDatabase: path))
        let saved = try Self.inode(file)
        NameOrderFile.unlock(held)
        #expect(done.wait(timeout: .now() + 10) == .success)
        let mapped = try #require(order.snapshot(at: mine.version))
        #expect(mapped.table.isShared)
        #expect(try Self.inode(file) == saved, "mapped, not built and written again")
    }

    @Test("a file at another version is not used: a new user means a new file")
    func staleFileReplaced() throws {
        let (f, path) = try Self.database(users: 50)
        let file = NameOrderFile.path(forDatabase: path)
        let before = try Self.built(f, path: path)
        let written = try Self.inode(file)
        let added = try f.roster.users.create(NewUser(email: "aaron.aardvark@example.com", firstName: "Aaron", lastName: "Aardvark",
                                                      password: .none), by: f.root).user
        let version = try f.database.read { db in try NameOrder.version(db) }
        #expect(version != before.version)
        #expect(NameOrderFile.load(from: file, version: version) == nil)
        let after = try Self.built(f, path: path)
        #expect(try Self.inode(file) != written)
        let ids = try f.database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM user ORDER BY name COLLATE NOCASE, id") }
        #expect(after.position(of: added.id.rawValue).map(Int.init) == ids.firstIndex(of: added.id.rawValue))
        #expect(after.position(of: added.id.rawValue) ?? 0 < 10, "near the top by name")
        #expect(after.count == before.count + 1)
    }

    @Test("a short, foreign or damaged file is refused, and a folder that can't be written leaves the order in memory")
    func damagedFiles() throws {
        let (f, path) = try Self.database(users: 20)
        let file = NameOrderFile.path(forDatabase: path)
        let snapshot = try Self.built(f, path: path)
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(NameOrderFile.load(from: file, version: snapshot.version) != nil)
        #expect(NameOrderFile.load(from: file, version: snapshot.version &+ 1) == nil)
        // A header counting more users than the file has places for.
        var overcounted = good
        overcounted.replaceSubrange(16..<24, with: withUnsafeBytes(of: Int64((good.count - 32) / 4 + 1)) { Data($0) })
        for damaged in [good.prefix(good.count - 4), good.prefix(16), Data(), Data([0x58]) + good.dropFirst(), overcounted] {
            // Replaced whole, as roster replaces it: `snapshot` still maps the old file.
            try damaged.write(to: URL(fileURLWithPath: file), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            #expect(NameOrderFile.load(from: file, version: snapshot.version) == nil, "\(damaged.count) bytes")
        }
        let copy = file + ".good"
        try good.write(to: URL(fileURLWithPath: copy))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy)
        #expect(NameOrderFile.load(from: copy, version: snapshot.version) != nil, "the copy itself is good")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: copy)
        #expect(NameOrderFile.load(from: copy, version: snapshot.version) == nil, "readable by others")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy)
        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: copy)
        #expect(NameOrderFile.load(from: file, version: snapshot.version) == nil, "a link is not followed")
        try FileManager.default.removeItem(atPath: copy)

        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder) }
        // root writes anywhere: there the file is saved, elsewhere the order stays in memory.
        let kept = try Self.built(f, path: path)
        #expect(kept.table.isShared == (geteuid() == 0))
        #expect(kept.count == snapshot.count)
    }

    @Test("the order's version is drawn anew when a user is added, renamed, given new search text or removed")
    func versionMoves() throws {
        let f = try Fixture()
        let version = { try f.database.read { db in try NameOrder.version(db) } }
        var seen = [try version()]
        let user = try f.roster.users.create(NewUser(email: "a@example.com", firstName: "A", lastName: "B", password: .none), by: f.root).user
        seen.append(try version())
        _ = try f.roster.users.updateProfile(user.id, ProfileChange(firstName: "C"), by: f.root)
        seen.append(try version())
        _ = try f.roster.users.updateProfile(user.id, ProfileChange(timeZone: "Europe/Paris"), by: f.root)
        #expect(try version() == seen.last, "a time zone doesn't move it")
        try f.database.write { db in try db.execute(sql: "UPDATE user SET searchText = 'c b z@example.com' WHERE id = ?", arguments: [user.id.rawValue]) }
        seen.append(try version())
        try f.database.write { db in try db.execute(sql: "DELETE FROM user WHERE id = ?", arguments: [user.id.rawValue]) }
        seen.append(try version())
        #expect(Set(seen).count == seen.count, "\(seen)")
        #expect(seen.dropFirst().contains { $0.magnitude > 1_000 }, "random, not counted: \(seen)")
    }
}
