import Foundation

/// A zone's offsets as a POSIX `TZ` rule gives them, such as "CET-1CEST,M3.5.0,M10.5.0/3":
/// the footer of a TZif file, which holds for every time after the file's last transition,
/// or a `TZ` variable that names no file.
struct PosixZoneRule: Sendable, Equatable {
    /// Seconds east of UTC outside daylight saving time (POSIX writes them west: "CET-1").
    let standardOffset: Int32
    let daylight: Daylight?

    struct Daylight: Sendable, Equatable {
        let offset: Int32
        /// When daylight saving time starts, in local standard time, and ends, in local
        /// daylight time.
        let start: Change
        let end: Change
    }

    struct Change: Sendable, Equatable {
        enum Day: Sendable, Equatable {
            /// "Jn": 1...365, February 29 never counted.
            case julian(Int)
            /// "n": 0...365, February 29 counted in leap years.
            case dayOfYear(Int)
            /// "Mm.w.d": weekday d (0 is Sunday) of week w (5 is the last) of month m.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }
        let day: Day
        /// Seconds after local midnight; may be negative or past a day (RFC 8536 allows ±167 h).
        let time: Int32
    }

    init?(_ text: String) {
        var reader = Reader(bytes: Array(text.utf8))
        guard reader.name(), let standardWest = reader.offset() else { return nil }
        standardOffset = -standardWest
        if reader.atEnd {
            daylight = nil
            return
        }
        guard reader.name() else { return nil }
        var daylightOffset = standardOffset + 3600
        if !reader.atEnd, reader.peek != UInt8(ascii: ",") {
            guard let west = reader.offset() else { return nil }
            daylightOffset = -west
        }
        let start: Change, end: Change
        if reader.atEnd {
            // A rule without dates: the United States' since 2007, as the C library assumes.
            start = Change(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200)
            end = Change(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200)
        } else {
            guard reader.take(","), let first = reader.change(), reader.take(","), let second = reader.change(), reader.atEnd else { return nil }
            (start, end) = (first, second)
        }
        daylight = Daylight(offset: daylightOffset, start: start, end: end)
    }

    /// The offset east of UTC at that many seconds since 1970.
    func offset(at seconds: Int64) -> Int32 {
        guard let daylight else { return standardOffset }
        let (year, _, _) = CivilDate.civil(fromDays: (seconds + Int64(standardOffset)).floorDivided(by: 86_400))
        let start = Self.localSeconds(daylight.start, year: year) - Int64(standardOffset)
        let end = Self.localSeconds(daylight.end, year: year) - Int64(daylight.offset)
        let inDaylight = start < end ? (start <= seconds && seconds < end) : !(end <= seconds && seconds < start)
        return inDaylight ? daylight.offset : standardOffset
    }

    /// The change's wall-clock time in that year, as seconds since 1970 read as if UTC.
    private static func localSeconds(_ change: Change, year: Int64) -> Int64 {
        let january1 = CivilDate.days(fromCivil: year, 1, 1)
        let leap = CivilDate.daysIn(month: 2, year: year) == 29
        let day: Int64
        switch change.day {
        case .julian(let n): day = january1 + Int64(n - 1) + (leap && n >= 60 ? 1 : 0)
        case .dayOfYear(let n): day = january1 + Int64(n)
        case .monthWeekDay(let month, let week, let weekday):
            let first = CivilDate.days(fromCivil: year, Int64(month), 1)
            let firstWeekday = (first + 4) - (first + 4).floorDivided(by: 7) * 7   // 1970-01-01 was a Thursday (4)
            var candidate = first + (Int64(weekday) - firstWeekday + 7) % 7 + Int64(week - 1) * 7
            let length = CivilDate.daysIn(month: Int64(month), year: year)
            while candidate >= first + length { candidate -= 7 }
            day = candidate
        }
        return day * 86_400 + Int64(change.time)
    }

    /// Reads the rule's parts from the front.
    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[index] }

        mutating func take(_ character: Character) -> Bool {
            guard let ascii = character.asciiValue, peek == ascii else { return false }
            index += 1
            return true
        }

        /// A zone abbreviation: three or more letters, or anything but `>` between `<` and `>`.
        mutating func name() -> Bool {
            let start = index
            if take("<") {
                while let byte = peek, byte != UInt8(ascii: ">") { index += 1 }
                guard take(">") else { return false }
                return index - start >= 5
            }
            while let byte = peek, (byte | 0x20) >= UInt8(ascii: "a"), (byte | 0x20) <= UInt8(ascii: "z") { index += 1 }
            return index - start >= 3
        }

        mutating func number(maxDigits: Int) -> Int? {
            var value = 0, digits = 0
            while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < maxDigits {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            return digits == 0 ? nil : value
        }

        /// [+-]hh[:mm[:ss]] in seconds, hours up to 167.
        mutating func offset() -> Int32? {
            let sign: Int32 = take("-") ? -1 : 1
            _ = sign > 0 && take("+")
            guard let hours = number(maxDigits: 3), hours <= 167 else { return nil }
            var seconds = hours * 3600
            if take(":") {
                guard let minutes = number(maxDigits: 2), minutes < 60 else { return nil }
                seconds += minutes * 60
                if take(":") {
                    guard let secs = number(maxDigits: 2), secs < 60 else { return nil }
                    seconds += secs
                }
            }
            return sign * Int32(seconds)
        }

        mutating func change() -> Change? {
            let day: Change.Day
            if take("J") {
                guard let n = number(maxDigits: 3), (1...365).contains(n) else { return nil }
                day = .julian(n)
            } else if take("M") {
                guard let month = number(maxDigits: 2), (1...12).contains(month), take("."),
                      let week = number(maxDigits: 1), (1...5).contains(week), take("."),
                      let weekday = number(maxDigits: 1), weekday <= 6 else { return nil }
                day = .monthWeekDay(month: month, week: week, weekday: weekday)
            } else {
                guard let n = number(maxDigits: 3), n <= 365 else { return nil }
                day = .dayOfYear(n)
            }
            var time: Int32 = 7200
            if take("/") {
                guard let value = offset() else { return nil }
                time = value
            }
            return Change(day: day, time: time)
        }
    }
}
