import Foundation
import GRDB
import RosterTestSupport
import Testing
@testable import RosterCore

@Suite("Exact counts from the search texts saved beside the database")
struct SearchTextFileTests {
    /// An exact count that reaches the file whenever it is current: no hits listed first.
    static func count(_ needle: String, _ f: Fixture, order: NameOrder) throws -> Int {
        try f.database.read { db in
            var search = UserFilterSearch(db: db, nameOrder: order)
            search.textsFirst = 0
            return try search.count(needle: needle)
        }
    }

    static func scanned(_ needle: String, _ f: Fixture) throws -> Int {
        try f.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM user WHERE instr(searchText, ?) > 0", arguments: [needle]) ?? -1
        }
    }

    /// The texts file as a console saves it, written here.
    static func save(_ f: Fixture, version: Int64, to path: String) throws {
        let writer = try SearchTextFile.Writer(path: path)
        for text in try f.database.read({ db in try String.fetchAll(db, sql: "SELECT searchText FROM user ORDER BY name COLLATE NOCASE, id") }) {
            try Array(text.utf8).withUnsafeBytes { try writer.append($0) }
        }
        try writer.commit(version: version)
    }

    static func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    @Test("the name order saves every user's search text beside the database, mode 0600, and counts from it agree with a scan")
    func savedAndCounted() throws {
        let (f, path) = try NameOrderFileTests.database(users: 300)
        _ = try f.roster.users.create(NewUser(email: "zoe.oyen@example.com", firstName: "Zoë", lastName: "Øyen", password: .none), by: f.root)
        let texts = SearchTextFile.path(forDatabase: path)
        let order = NameOrder(databasePath: path)
        try f.database.read { db in try order.build(db) }
        #expect(try Self.mode(texts) == 0o600)
        let version = try f.database.read { db in try NameOrder.version(db) }
        #expect(SearchTextFile.isCurrent(texts, version: version))
        for needle in ["example", "e", "an", "ana", "tanaka", "zoe", "øyen", "oyen", "@", "ample.c", "zzzz"] {
            let scanned = try Self.scanned(needle, f)
            #expect(SearchTextFile.count(holding: needle, in: texts, version: version) == scanned, "\(needle)")
            #expect(try Self.count(needle, f, order: order) == scanned, "\(needle)")
        }
        #expect(try Self.scanned("example", f) > 300, "every demo user and more")
    }

    @Test("counts read the file when it is current, and the table once a change has made it stale")
    func onlyAtItsVersion() throws {
        let (f, path) = try NameOrderFileTests.database(users: 40)
        let texts = SearchTextFile.path(forDatabase: path)
        let order = NameOrder(databasePath: path)
        try f.database.read { db in try order.build(db) }
        let version = try f.database.read { db in try NameOrder.version(db) }
        // A file at this version that says five users hold "qqqq", which nobody does: counts
        // that answer five came from it.
        let forged = try SearchTextFile.Writer(path: texts)
        for _ in 0..<5 { try Array("qqqq\u{1}\u{1}".utf8).withUnsafeBytes { try forged.append($0) } }
        try forged.commit(version: version)
        #expect(try Self.count("qqqq", f, order: order) == 5)
        #expect(try Self.count("qqqq", f, order: NameOrder(databasePath: nil)) == 0, "no file for a database in memory")
        let capped = try f.database.read { db in
            var search = UserFilterSearch(db: db, nameOrder: order)
            search.textsFirst = 0
            return try search.count(needle: "qqqq", limit: 10)
        }
        #expect(capped == 0, "a capped count never reads the file")
        let copy = texts + ".copy"
        try FileManager.default.copyItem(atPath: texts, toPath: copy)
        try FileManager.default.removeItem(atPath: texts)
        try FileManager.default.createSymbolicLink(atPath: texts, withDestinationPath: copy)
        #expect(try Self.count("qqqq", f, order: order) == 0, "a link is not followed")
        try FileManager.default.removeItem(atPath: texts)
        try FileManager.default.moveItem(atPath: copy, toPath: texts)

        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: texts)
        #expect(try Self.count("qqqq", f, order: order) == 0, "readable by others: not trusted")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: texts)
        #expect(try Self.count("qqqq", f, order: order) == 5)

        _ = try f.roster.users.create(NewUser(email: "qqqq@example.com", firstName: "Q", lastName: "Q", password: .none), by: f.root)
        #expect(try Self.count("qqqq", f, order: order) == 1, "stale after the change: the table counts")
        try f.database.read { db in try order.build(db) }
        let now = try f.database.read { db in try NameOrder.version(db) }
        #expect(SearchTextFile.isCurrent(texts, version: now), "written again with the order")
        #expect(SearchTextFile.count(holding: "qqqq", in: texts, version: now) == 1)
    }

    @Test("only a filter whose every gram many users hold goes to the file first; a rarer one lists its hits")
    func commonFiltersFirst() throws {
        let (f, path) = try NameOrderFileTests.database(users: 40)
        let texts = SearchTextFile.path(forDatabase: path)
        let order = NameOrder(databasePath: path)
        let version = try f.database.read { db in try NameOrder.version(db) }
        let forged = try SearchTextFile.Writer(path: texts)
        for _ in 0..<3 { try Array("someone\u{1}\u{1}someone@example.com\u{1}\u{1}".utf8).withUnsafeBytes { try forged.append($0) } }
        try forged.commit(version: version)
        let rare = try #require(try f.database.read { db in
            try String.fetchOne(db, sql: "SELECT email FROM user ORDER BY id DESC LIMIT 1")
        })
        let needle = try #require(SearchText.needle(rare))
        let (common, few) = try f.database.read { db in
            var search = UserFilterSearch(db: db, nameOrder: order)
            search.textsFirst = 10
            return (try search.count(needle: "example"), try search.count(needle: needle))
        }
        #expect(common == 3, "every gram of \"example\" is held by 40 users or more: the (forged) file answers")
        #expect(few == (try Self.scanned(needle, f)), "\(needle): a gram held by fewer than 10")
        #expect(few != (SearchTextFile.count(holding: needle, in: texts, version: version) ?? -1))
    }

    /// A database on disk with 30 demo users and one about to be deleted, and its texts file's path.
    static func databaseWithLeaver() throws -> (Fixture, path: String, texts: String, leaving: User) {
        let (f, path) = try NameOrderFileTests.database(users: 30)
        let leaving = try f.roster.users.create(NewUser(email: "leaving.soon@example.com", firstName: "Leaving", lastName: "Soon",
                                                        password: .none), by: f.root).user
        return (f, path, SearchTextFile.path(forDatabase: path), leaving)
    }

    static func holds(_ path: String, _ text: String) throws -> Bool {
        try Data(contentsOf: URL(fileURLWithPath: path)).range(of: Data(text.utf8)) != nil
    }

    @Test("deleting a user or renaming them removes the texts file at commit; the next console writes it without them")
    func changesRemoveTexts() throws {
        let (f, path, texts, leaving) = try Self.databaseWithLeaver()
        let moving = try f.roster.users.create(NewUser(email: "moving.q@example.com", firstName: "Moving", lastName: "Quietly",
                                                       password: .none), by: f.root).user
        let build = { try f.database.read { db in try NameOrder(databasePath: path).build(db) } }
        try build()
        #expect(try Self.holds(texts, "leaving.soon@example.com"))
        _ = try f.roster.users.delete(leaving.id, by: f.root)
        #expect(!FileManager.default.fileExists(atPath: texts))
        try build()
        #expect(try !Self.holds(texts, "leaving.soon"))

        #expect(try Self.holds(texts, "moving quietly"))
        _ = try f.roster.users.updateProfile(moving.id, ProfileChange(lastName: "Loudly"), by: f.root)
        #expect(!FileManager.default.fileExists(atPath: texts), "another name")
        try build()
        #expect(try !Self.holds(texts, "quietly"))
        #expect(try Self.holds(texts, "moving loudly"))

        _ = try f.roster.users.lock(moving.id, by: f.root)
        #expect(FileManager.default.fileExists(atPath: texts), "a lock changes no search text: the file stays")
    }

    @Test("a console's rebuild that waited on the lock while a user was deleted reads the users after the deletion")
    func rebuildAfterDeletion() throws {
        let (f, path, texts, leaving) = try Self.databaseWithLeaver()
        let held = try #require(NameOrderFile.lockExclusively(NameOrderFile.path(forDatabase: path)))
        let database = try f.database
        let order = NameOrder(databasePath: path)
        order.refresh { body in try? database.read(body) }
        Thread.sleep(forTimeInterval: 0.2)  // the rebuild is waiting on the lock
        // The deletion's removal waits its patience (2 s) for the lock, then removes anyway.
        _ = try f.roster.users.delete(leaving.id, by: f.root)
        NameOrderFile.unlock(held)
        let version = try f.database.read { db in try NameOrder.version(db) }
        let deadline = Date().addingTimeInterval(20)
        while order.snapshot(at: version) == nil, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(order.snapshot(at: version) != nil, "rebuilt at the version after the deletion")
        #expect(SearchTextFile.isCurrent(texts, version: version))
        #expect(try !Self.holds(texts, "leaving.soon"))
    }

    @Test("a newline stored in a text is written as U+0001: one user's text stays one line")
    func newlineInAText() throws {
        let path = try Scratch.folder("texts") + "/roster.sqlite-search"
        let writer = try SearchTextFile.Writer(path: path)
        for text in ["cd\ncd", "xy"] { try Array(text.utf8).withUnsafeBytes { try writer.append($0) } }
        try writer.commit(version: 7)
        #expect(SearchTextFile.count(holding: "cd", in: path, version: 7) == 1)
        #expect(SearchTextFile.count(holding: "d\u{1}c", in: path, version: 7) == nil, "no folded filter holds a control character")
        #expect(SearchTextFile.count(holding: "xy", in: path, version: 8) == nil, "another version")
    }

    @Test("an order whose texts file is missing or damaged is read again, and both files written")
    func missingTextsRebuildBoth() throws {
        let (f, path) = try NameOrderFileTests.database(users: 30)
        let texts = SearchTextFile.path(forDatabase: path)
        let names = NameOrderFile.path(forDatabase: path)
        try f.database.read { db in try NameOrder(databasePath: path).build(db) }
        let version = try f.database.read { db in try NameOrder.version(db) }
        let good = try Data(contentsOf: URL(fileURLWithPath: texts))
        var wrongMagic = good
        wrongMagic[good.count - SearchTextFile.trailerSize] ^= 0xFF
        var overlong = good
        overlong.replaceSubrange((good.count - 16)..<(good.count - 8), with: withUnsafeBytes(of: Int64(0)) { Data($0) })
        for damaged in [good.dropLast(), good.prefix(8), Data([0x71]) + good, Data(), wrongMagic, overlong] {
            try damaged.write(to: URL(fileURLWithPath: texts), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: texts)
            #expect(!SearchTextFile.isCurrent(texts, version: version), "\(damaged.count) bytes")
            #expect(SearchTextFile.count(holding: "example", in: texts, version: version) == nil)
        }
        try FileManager.default.removeItem(atPath: texts)
        let namesInode = try NameOrderFileTests.inode(names)
        try f.database.read { db in try NameOrder(databasePath: path).build(db) }
        #expect(SearchTextFile.isCurrent(texts, version: version))
        #expect(try NameOrderFileTests.inode(names) != namesInode, "the order was read again, not only mapped")
        #expect(try Data(contentsOf: URL(fileURLWithPath: texts)) == good)
    }
}
