import Foundation
import GRDB
import Testing
@testable import RosterCore

@Suite("Dates as stored")
struct StoredDateTests {
    @Test("a date is written exactly as GRDB writes it, rounding to the millisecond included, 1970 to 9999 and past either end")
    func sameAsGRDB() {
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400), Date(timeIntervalSince1970: 4_102_444_799.9996),
                             Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: -12_219_292_800), Date(timeIntervalSince1970: 253_402_300_799.999),
                             Date(timeIntervalSince1970: 253_402_300_800), Date.distantPast, Date.distantFuture]
        for index in 0..<20_000 {
            let seconds = Double.random(in: 0..<4_102_444_800, using: &generator)
            // Whole milliseconds, a hair either side of them, and any fraction.
            let whole = (seconds * 1000).rounded() / 1000
            dates.append(Date(timeIntervalSince1970: [seconds, whole, whole + 0.0004999, whole - 0.0005001][index % 4]))
        }
        for date in dates {
            #expect(StoredDate(date).databaseValue == date.databaseValue, "\(date.timeIntervalSince1970)")
        }
    }

    @Test("a stored date is read exactly as GRDB reads it, to the last bit, without Foundation's calendar")
    func readsAsGRDB() throws {
        var generator = SystemRandomNumberGenerator()
        var texts = ["1970-01-01 00:00:00.000", "2000-02-29 23:59:59.999", "9999-12-31 23:59:59.999", "2026-12-05 14:03:00.500"]
        for _ in 0..<20_000 {
            texts.append(StoredDate.text(milliseconds: Int64.random(in: 0..<253_402_300_800_000, using: &generator)))
        }
        for text in texts {
            let mine = try #require(StoredDate.date(fromStored: text), "\(text)")
            let grdb = try #require(Date.fromDatabaseValue(text.databaseValue))
            #expect(mine.timeIntervalSinceReferenceDate.bitPattern == grdb.timeIntervalSinceReferenceDate.bitPattern, "\(text)")
        }
    }

    @Test("any other shape GRDB accepts is still read as GRDB reads it; a day the calendar lacks is not read by hand")
    func otherShapes() {
        for value: DatabaseValue in ["2026-12-05".databaseValue, "2026-12-05 14:03".databaseValue, "2026-12-05T14:03:09.123".databaseValue,
                                     "2026-02-30 10:00:00.000".databaseValue, "1969-12-31 23:59:59.000".databaseValue,
                                     1_700_000_000.databaseValue, 1_700_000_000.25.databaseValue, "tomorrow".databaseValue, .null] {
            #expect(StoredDate.fromDatabaseValue(value)?.date == Date.fromDatabaseValue(value), "\(value)")
        }
        for text in ["2026-02-30 10:00:00.000", "2026-12-05 24:00:00.000", "2026-12-05 14:03:00.5x0", "2026-12-05 14:03:00", "1969-12-31 23:59:59.000"] {
            #expect(StoredDate.date(fromStored: text) == nil, "\(text)")
        }
    }

    @Test("a record coded by GRDB (a session) writes and reads its dates as StoredDate does")
    func codableRecords() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, at TEXT NOT NULL, until TEXT)")
            let at = Date(timeIntervalSince1970: 1_764_943_380.1234)
            try Stamp(id: 1, at: at, until: nil).insert(db)
            #expect(try String.fetchOne(db, sql: "SELECT at FROM t") == StoredDate.text(milliseconds: 1_764_943_380_123))
            let read = try #require(try Stamp.fetchOne(db, key: 1))
            #expect(read.at == StoredDate.date(fromStored: StoredDate.text(milliseconds: 1_764_943_380_123)))
            #expect(read.until == nil)
        }
    }

    @Test("every record GRDB codes through Codable uses StoredDate's strategies, not GRDB's DateFormatter")
    func strategiesWired() {
        func custom<Record: FetchableRecord & EncodableRecord>(_ type: Record.Type) -> Bool {
            guard case .custom = type.databaseDateDecodingStrategy(for: "createdAt"),
                  case .custom = type.databaseDateEncodingStrategy(for: "createdAt") else { return false }
            return true
        }
        let types: [any (FetchableRecord & EncodableRecord).Type] = [
            Membership.self, Org.self, UserGroup.self, TOTPCredential.self, RecoveryCode.self, PasswordReset.self, APIKey.self,
            SSHKey.self, Elevation.self, ApprovalRequest.self, AccessReview.self, ReviewItem.self, User.self, SignInSource.self,
            Session.self, IPRule.self, AuditEntry.self, OutboxMessage.self, Stamp.self]
        for type in types {
            let wired = custom(type)
            #expect(wired, "\(type)")
        }
    }
}

private struct Stamp: Codable, FetchableRecord, PersistableRecord, StoredDateRecord {
    static let databaseTableName = "t"
    var id: Int64
    var at: Date
    var until: Date?
}
