import Foundation

/// Calendar arithmetic on day numbers, without a `Calendar`: dates written and read millions of
/// times (PostgreSQL's timestamps, SQLite's stored dates) skip ICU.
enum CivilDate {
    /// Howard Hinnant's days-from-civil: proleptic Gregorian, day 0 = 1970-01-01.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Its inverse: the year, month and day of a day number.
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A day, and maybe a time, read from "YYYY-MM-DD", then " HH:MM" or "THH:MM", then ":SS".
    struct Fields {
        var year, month, day: Int64
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0
        /// How many bytes the fields took: 10, 16 or 19.
        var length = 10

        /// Seconds since 1970, reading the fields as UTC.
        var seconds: Int64 { CivilDate.days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second }
    }

    /// The fields at the front of `bytes`, as far as they go: one reader for stored dates,
    /// PostgreSQL's timestamps and typed times. Nil for a day the calendar lacks or a time past
    /// 23:59:59; the caller checks `length` and what follows.
    static func fields<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Fields? where Bytes.Index == Int {
        func byte(_ offset: Int) -> UInt8 { bytes[bytes.startIndex + offset] }
        guard bytes.count >= 10, byte(4) == UInt8(ascii: "-"), byte(7) == UInt8(ascii: "-"),
              let year = digits(bytes, from: 0, count: 4), let month = digits(bytes, from: 5, count: 2),
              let day = digits(bytes, from: 8, count: 2), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var fields = Fields(year: year, month: month, day: day)
        guard bytes.count >= 16, byte(10) == UInt8(ascii: " ") || byte(10) == UInt8(ascii: "T"), byte(13) == UInt8(ascii: ":") else { return fields }
        guard let hour = digits(bytes, from: 11, count: 2), let minute = digits(bytes, from: 14, count: 2), hour < 24, minute < 60 else { return nil }
        (fields.hour, fields.minute, fields.length) = (hour, minute, 16)
        guard bytes.count >= 19, byte(16) == UInt8(ascii: ":") else { return fields }
        guard let second = digits(bytes, from: 17, count: 2), second < 60 else { return nil }
        (fields.second, fields.length) = (second, 19)
        return fields
    }

    /// `count` decimal digits at `offset` as a number; nil if any is not a digit or they run past the end.
    static func digits<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, from offset: Int, count: Int) -> Int64? where Bytes.Index == Int {
        guard offset >= 0, offset + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[(bytes.startIndex + offset)..<(bytes.startIndex + offset + count)] {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
        }
        return value
    }

    /// 28 to 31: the days of a month of the proleptic Gregorian calendar.
    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

