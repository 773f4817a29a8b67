import Foundation
import GRDB
import Testing
@testable import RosterCore
import RosterTestSupport

@Suite("Database file")
struct DatabaseTests {
    static func scratch() throws -> String {
        try Scratch.folder("roster-db")
    }

    @Test("the file is opened in WAL mode with synchronous=FULL and foreign keys on, the writer's temp store in memory")
    func pragmas() throws {
        let dir = try Self.scratch()
        let db = try AppDatabase.open(path: dir + "/r.sqlite")
        let (mode, sync, fk) = try db.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal" && sync == 2 && fk == 1)
        // Statement journals of the writer's long transactions stay in memory; readers keep the default.
        #expect(try db.write { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == 2)
        #expect(try db.read { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == 0)
    }

    @Test("a directory is refused with a message that says what to do")
    func directory() throws {
        let dir = try Self.scratch()
        #expect(throws: RosterError.database(.isDirectory(dir))) { try AppDatabase.open(path: dir) }
    }

    @Test("a file that isn't SQLite is refused and left untouched")
    func notADatabase() throws {
        let path = try Self.scratch() + "/notes.txt"
        let content = String(repeating: "not a database, just text\n", count: 200)
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RosterError.database(.notADatabase(path))) { try AppDatabase.open(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
    }

    @Test("a database from a newer roster is refused, and nothing is changed")
    func newerSchema() throws {
        let path = try Self.scratch() + "/r.sqlite"
        _ = try AppDatabase.open(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try queue.close()
        #expect(throws: RosterError.database(.newerSchema(path))) { try AppDatabase.open(path: path) }
    }

    @Test("opening a file from an older roster says which upgrades run, once; a new file says nothing")
    func upgradeIsAnnounced() throws {
        let path = try Self.scratch() + "/r.sqlite"
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v2-credentials-mail-api-keys")
        try queue.close()
        var heard: [[String]] = []
        _ = try AppDatabase.open(path: path) { heard.append($0) }
        _ = try AppDatabase.open(path: path) { heard.append($0) }
        #expect(heard == [["v3-user-search", "v4-membership-order", "v5-source-throttle-sealed-outbox", "v6-keyed-audit-chain", "v7-ssh-keys", "v8-session-reauthentication", "v9-avatars", "v10-never-signed-in", "v11-audit-chain-start", "v12-elevations", "v13-approvals", "v14-access-reviews", "v15-random-order-version", "v16-search-grams", "v17-search-positions", "v18-user-org-ids"]])
        let fresh = try Self.scratch() + "/new.sqlite"
        _ = try AppDatabase.open(path: fresh) { heard.append($0) }
        #expect(heard.count == 1, "creating a database is not an upgrade")
    }

    @Test("a damaged file is reported as such")
    func corrupt() throws {
        let path = try Self.scratch() + "/r.sqlite"
        do {
            // Closing the last connection checkpoints the WAL, so the pages live in the main file.
            let roster = Roster(database: try AppDatabase.open(path: path), environment: try Fixture().roster.environment)
            for i in 0..<200 {
                _ = try roster.users.create(NewUser(email: "u\(i)@example.com", firstName: "U", lastName: "\(i)", password: .none), by: .system("t"))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: 8192)
        handle.write(Data(repeating: 0xA5, count: 16384))
        try handle.close()
        // Opening, listing every user and checking integrity: the damage must surface as the
        // sentence for a damaged file, whichever step meets it first.
        var failure: (any Error)?
        do {
            let reopened = try AppDatabase.open(path: path)
            _ = try Roster(database: reopened).users.list(UserQuery(limit: 500))
            let report = try reopened.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            if report != ["ok"] { failure = RosterError.database(.corrupt(path)) }
        } catch {
            failure = error
        }
        let error = try #require(failure as? RosterError, "the damage went unnoticed: \(String(describing: failure))")
        #expect(error == .database(.corrupt(path)) || error == .database(.notADatabase(path)), "\(error)")
        #expect(error.message.contains("Restore it from a backup") || error.message.contains("not a Roster database"))
    }

    @Test("a PostgreSQL address is told from a file path; a secret in it, or a malformed one, is refused without echoing it",
          arguments: [
              ("postgresql://u:s3cr3t%zz@h/db", "can't be read"), ("POSTGRES://u:s3cr3t@h/db", "can't be read"),
              ("host=h dbname=d sslpassword=s3cr3t", "~/.pgpass"), ("host=h dbname=d password=s3cr3t", "~/.pgpass"),
              ("postgresql://u:s3cr3t@[h/db", "can't be read"), ("hots=h dbname=s3cr3t", "can't be read"),
          ])
    func postgresAddresses(text: String, expected: String) throws {
        #expect(PostgresAddress.looksLikePostgres(text))
        do {
            _ = try StorageAddress.parse(text)
            Issue.record("accepted \(text)")
        } catch let error as RosterError {
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(!error.message.contains("s3cr3t"), "\(error.message)")
        }
        #expect(try StorageAddress.parse("/var/lib/roster/a=b.sqlite") == .file("/var/lib/roster/a=b.sqlite"))
        #expect(try StorageAddress.parse("roster.sqlite") == .file("roster.sqlite"))
    }

    @Test("text made only of keyword=value words is meant for PostgreSQL; a path holding = is not")
    func keywordWords() {
        for text in ["host=h", "host=/tmp port=5432 dbname=roster", "  dbname=x  ", "target_session_attrs=any", "host= dbname=x"] {
            #expect(PostgresAddress.looksLikePostgres(text), "\(text)")
        }
        for text in ["", "roster.sqlite", "/var/lib/a=b.sqlite", "=x", "host = h", "hóst=h", "host=h file.sqlite", "1host=h"] {
            #expect(!PostgresAddress.looksLikePostgres(text), "\(text)")
        }
    }

    @Test("PostgreSQL timestamps read back to the millisecond, whatever UTC offset the server writes them with")
    func postgresTimes() {
        let date = Date(timeIntervalSince1970: 1_790_000_000.123)
        #expect(PGTime.format(date) == "2026-09-21 14:13:20.123+00")
        #expect(PGTime.parse(PGTime.format(date)) == date)
        #expect(PGTime.parse("2026-09-21 16:13:20.123+02") == date)
        #expect(PGTime.parse("2026-09-21 08:43:20.123-05:30") == date)
        #expect(PGTime.parse("1969-12-31 23:59:59.5+00") == Date(timeIntervalSince1970: -0.5))
        #expect(PGTime.parse("not a time") == nil)
        #expect(PGTime.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31 23:59:59.500+00")
        #expect(PGTime.format(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01 00:00:00.000+00")
        #expect(PGTime.format(Date(timeIntervalSince1970: 253_402_300_799.999)) == "9999-12-31 23:59:59.999+00")
        // Written digit by digit from 1970 on: what printf wrote before, field for field.
        for _ in 0..<2_000 {
            let millis = Int64.random(in: 0..<253_402_300_800_000)
            let seconds = millis / 1000
            let (year, month, day) = CivilDate.civil(fromDays: seconds / 86_400)
            let expected = String(format: "%04lld-%02lld-%02lld %02lld:%02lld:%02lld.%03lld+00", year, month, day,
                                  seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60, millis % 1000)
            #expect(PGTime.format(Date(timeIntervalSince1970: (Double(millis) + 0.2) / 1000)) == expected)
        }
        // Every field in its fixed place (parse reads them there), years 1 to 9999.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let millis = Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &generator)
            // A fifth of a millisecond in, so the float can't round below the millisecond.
            let date = Date(timeIntervalSince1970: (Double(millis) + 0.2) / 1000)
            #expect(PGTime.parse(PGTime.format(date)).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } == millis,
                    "\(PGTime.format(date))")
        }
    }
}
