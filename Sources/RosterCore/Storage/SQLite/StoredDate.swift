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

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredDate? {
        Date.fromDatabaseValue(dbValue).map(StoredDate.init)
    }

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
