import Foundation
import GRDB

/// A date bound exactly as GRDB stores one, "yyyy-MM-dd HH:mm:ss.SSS" in UTC to the nearest
/// millisecond, written with integer arithmetic: GRDB's `DateFormatter` (ICU) cost an import
/// of 100,000 users 4 % of its time. Dates outside 1970–9999 go through GRDB itself (ICU's
/// calendar turns Julian before 1582). A test holds the two together.
struct StoredDate: DatabaseValueConvertible {
    var date: Date

    init(_ date: Date) { self.date = date }

    var databaseValue: DatabaseValue {
        // Rounded as Foundation's formatter rounds: from the reference date, to the millisecond.
        let milliseconds = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000).rounded()
        guard milliseconds >= 0, milliseconds < 253_402_300_800_000 else { return date.databaseValue }
        return Self.text(milliseconds: Int64(milliseconds)).databaseValue
    }

    /// The stored text read with integer arithmetic too: GRDB's reading builds the date with a
    /// `Calendar` in UTC, which loads ICU's locale and time-zone data (about 5 MB of every
    /// console's memory) and costs more than the rest of a table row. Any other shape GRDB
    /// accepts (a day only, a timestamp number) is still read by GRDB.
    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredDate? {
        if case .string(let text) = dbValue.storage, let date = date(fromStored: text) { return StoredDate(date) }
        return Date.fromDatabaseValue(dbValue).map(StoredDate.init)
    }

    /// "yyyy-MM-dd HH:mm:ss.SSS" (what `databaseValue` writes) as a date; nil for anything else.
    static func date(fromStored text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 23, bytes[10] == UInt8(ascii: " "), bytes[19] == UInt8(ascii: "."),
                  let fields = CivilDate.fields(bytes), fields.length == 19, fields.year >= 1970,
                  let milliseconds = CivilDate.digits(bytes, from: 20, count: 3) else { return nil }
            // As GRDB builds it: whole seconds from the reference date, then the fraction.
            return Date(timeIntervalSinceReferenceDate: Double(fields.seconds - 978_307_200) + Double(milliseconds) / 1000)
        }
    }

    /// GRDB's strategies for a `Codable` record's dates, so they are written and read as above.
    static let encoding = DatabaseDateEncodingStrategy.custom { StoredDate($0) }
    static let decoding = DatabaseDateDecodingStrategy.custom { StoredDate.fromDatabaseValue($0)?.date }

    /// Milliseconds since 1970 (not negative) as the stored text.
    static func text(milliseconds: Int64) -> String {
        let days = milliseconds / 86_400_000
        let inDay = milliseconds % 86_400_000
        let (year, month, day) = CivilDate.civil(fromDays: days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(23)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4); bytes.append(UInt8(ascii: "-")); digits(month, 2); bytes.append(UInt8(ascii: "-")); digits(day, 2)
        bytes.append(UInt8(ascii: " ")); digits(inDay / 3_600_000, 2); bytes.append(UInt8(ascii: ":"))
        digits(inDay / 60_000 % 60, 2); bytes.append(UInt8(ascii: ":")); digits(inDay / 1000 % 60, 2)
        bytes.append(UInt8(ascii: ".")); digits(inDay % 1000, 3)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A record whose `Date` properties GRDB codes as `StoredDate`, not through Foundation's
/// formatter and calendar. (Public only because the records and GRDB's protocols are.)
public protocol StoredDateRecord: FetchableRecord, EncodableRecord {}

extension StoredDateRecord {
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { StoredDate.decoding }
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoredDate.encoding }
}

extension Row {
    /// A date column read as `StoredDate` reads it.
    func date(_ column: String) throws -> Date { try decode(StoredDate.self, forColumn: column).date }
    func date(_ column: String) throws -> Date? { try decode(StoredDate?.self, forColumn: column)?.date }
    func date(at index: Int) -> Date? { (self[index] as StoredDate?)?.date }
}

extension Date {
    /// This date as a statement argument, written as `StoredDate` writes it.
    var stored: StoredDate { StoredDate(self) }
}
