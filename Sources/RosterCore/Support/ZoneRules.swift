import Foundation

/// A time zone as the system's tz database describes it (the TZif files under
/// /usr/share/zoneinfo), read without Foundation's `TimeZone`: on Linux that one is ICU's, and
/// converting one date loaded ICU's time-zone and locale data and code, about 5 MB of every
/// console's memory and a few milliseconds of its start. A time shown or typed in the console
/// and the CLI goes through this.
public struct ZoneRules: Sendable, Equatable {
    /// "Europe/Paris", "UTC", or the `TZ` text it came from.
    public let identifier: String
    /// Seconds since 1970 at which the offset changes, ascending.
    let transitions: [Int64]
    /// The offset from UTC in seconds from each transition on.
    let offsets: [Int32]
    /// The offset before the first transition.
    let initialOffset: Int32
    /// The offsets after the last transition (the file's footer), when it has one.
    let rule: PosixZoneRule?

    public static let utc = ZoneRules(identifier: "UTC", transitions: [], offsets: [], initialOffset: 0, rule: nil)

    /// Where the system keeps its zone files.
    public static let systemDirectory = "/usr/share/zoneinfo"

    init(identifier: String, transitions: [Int64], offsets: [Int32], initialOffset: Int32, rule: PosixZoneRule?) {
        self.identifier = identifier
        self.transitions = transitions
        self.offsets = offsets
        self.initialOffset = initialOffset
        self.rule = rule
    }

    /// The zone of that IANA name ("Asia/Tokyo"), or nil when the name is malformed or the
    /// system has no such zone.
    public static func named(_ identifier: String, in directory: String = systemDirectory) -> ZoneRules? {
        if identifier == "UTC" { return .utc }
        guard isWellFormedName(identifier), let bytes = zoneFile(directory + "/" + identifier) else { return nil }
        return TZifFile.rules(identifier: identifier, bytes: bytes)
    }

    /// The zone a process runs in: `TZ` when set (a zone name, `:name`, a file's path, or a
    /// POSIX rule such as "EST5EDT"; empty means UTC, as the C library reads it), else the
    /// system's /etc/localtime. UTC when none of these can be read.
    public static func system(tz: String?, directory: String = systemDirectory, localtime: String = "/etc/localtime") -> ZoneRules {
        guard let tz else {
            guard let bytes = zoneFile(localtime) else { return .utc }
            return TZifFile.rules(identifier: localName(localtime, directory: directory), bytes: bytes) ?? .utc
        }
        let name = tz.hasPrefix(":") ? String(tz.dropFirst()) : tz
        if name.isEmpty { return .utc }
        if name.hasPrefix("/"), let bytes = zoneFile(name),
           let rules = TZifFile.rules(identifier: localName(name, directory: directory), bytes: bytes) {
            return rules
        }
        if let rules = named(name, in: directory) { return rules }
        if let rule = PosixZoneRule(name) { return ZoneRules(identifier: name, transitions: [], offsets: [], initialOffset: rule.standardOffset, rule: rule) }
        return .utc
    }

    /// A zone file's bytes: a regular file of at most 256 KB (the largest zone file is a few KB),
    /// so `TZ=/dev/zero` or a pipe neither hangs a process nor fills its memory.
    static func zoneFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size <= 262_144 else { return nil }
        return (try? handle.readToEnd()).map { [UInt8]($0) }
    }

    /// Letters, digits, `_`, `-`, `+`, `.` in parts separated by single slashes: never a path that
    /// leaves the zone directory.
    static func isWellFormedName(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return !name.isEmpty && name.utf8.count <= 255 && parts.allSatisfy { part in
            !part.isEmpty && part != "." && part != ".." && part.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-" || $0 == "+" || $0 == "."
            }
        }
    }

    /// "Europe/Paris" for /etc/localtime linked to /usr/share/zoneinfo/Europe/Paris.
    private static func localName(_ path: String, directory: String) -> String {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? path
        if let range = target.range(of: "zoneinfo/") { return String(target[range.upperBound...]) }
        return target.hasPrefix(directory + "/") ? String(target.dropFirst(directory.count + 1)) : "localtime"
    }

    /// Seconds to add to UTC to get the local time at that instant.
    public func secondsFromUTC(at date: Date) -> Int {
        Int(offset(at: Self.seconds(date)))
    }

    /// Whole seconds since 1970, clamped to about ±31 million years: a number stored in a date
    /// column (by hand, or by someone with the file) must not trap the conversion.
    static func seconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970
        guard value.isFinite else { return value > 0 ? 1_000_000_000_000_000 : -1_000_000_000_000_000 }
        return Int64(min(max(value, -1e15), 1e15).rounded(.down))
    }

    /// "2026-12-05T14:03:09Z": an instant in UTC as RFC 3339 writes it, to the second, exactly
    /// as `ISO8601DateFormatter` wrote it into audit details (rounded to the millisecond from
    /// the reference date first, as Foundation hands dates to ICU, then cut to the second).
    public static func internetTime(_ date: Date) -> String {
        let milliseconds = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000).rounded()
        let seconds = milliseconds.isFinite ? Int64(min(max(milliseconds, -1e18), 1e18)).floorDivided(by: 1000) : seconds(date)
        let local = ZoneRules.utc.local(Date(timeIntervalSince1970: Double(seconds)))
        let second = Int(seconds - seconds.floorDivided(by: 60) * 60)
        return "\(local.day10)T\(LocalTime.digits(local.hour, 2)):\(LocalTime.digits(local.minute, 2)):\(LocalTime.digits(second, 2))Z"
    }

    func offset(at seconds: Int64) -> Int32 {
        if let rule, transitions.last.map({ seconds >= $0 }) ?? true { return rule.offset(at: seconds) }
        guard let first = transitions.first, seconds >= first else { return initialOffset }
        // The last transition at or before `seconds`.
        var low = 0, high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= seconds { low = middle } else { high = middle - 1 }
        }
        return offsets[low]
    }

    /// The local calendar date and time of an instant, to the minute.
    public func local(_ date: Date) -> LocalTime {
        let utc = Self.seconds(date)
        let seconds = utc + Int64(offset(at: utc))
        let days = seconds.floorDivided(by: 86_400)
        let inDay = seconds - days * 86_400
        let (year, month, day) = CivilDate.civil(fromDays: days)
        return LocalTime(year: Int(year), month: Int(month), day: Int(day), hour: Int(inDay / 3600), minute: Int(inDay % 3600 / 60))
    }

    /// The instant a local wall-clock time names. In a gap (clocks moved forward) the time is
    /// read with the offset before the gap; in an overlap, the first of the two instants.
    public func date(_ time: LocalTime, second: Int = 0) -> Date {
        let wall = CivilDate.days(fromCivil: Int64(time.year), Int64(time.month), Int64(time.day)) * 86_400
            + Int64(time.hour * 3600 + time.minute * 60 + second)
        // The offsets a day before and a day after; each gives an instant, right if the zone
        // has that offset then. Both right: an overlap (or no change), the first. Neither: a gap.
        let (before, after) = (Int64(offset(at: wall - 86_400)), Int64(offset(at: wall + 86_400)))
        let (early, late) = (wall - before, wall - after)
        let earlyHolds = Int64(offset(at: early)) == before, lateHolds = Int64(offset(at: late)) == after
        let utc = earlyHolds && lateHolds ? min(early, late) : (lateHolds ? late : early)
        return Date(timeIntervalSince1970: Double(utc))
    }
}

/// A wall-clock time in some zone, to the minute.
public struct LocalTime: Sendable, Equatable {
    public var year, month, day, hour, minute: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute) = (year, month, day, hour, minute)
    }

    /// Midnight of the next day.
    public var nextDay: LocalTime {
        let (year, month, day) = CivilDate.civil(fromDays: CivilDate.days(fromCivil: Int64(year), Int64(month), Int64(day)) + 1)
        return LocalTime(year: Int(year), month: Int(month), day: Int(day))
    }

    /// "2026-12-05"
    public var day10: String { "\(Self.digits(year, 4))-\(Self.digits(month, 2))-\(Self.digits(day, 2))" }
    /// "2026-12-05 14:03"
    public var minute16: String { "\(day10) \(Self.digits(hour, 2)):\(Self.digits(minute, 2))" }

    /// `value` in decimal, zero-padded to `width`.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// "YYYY-MM-DD", then optionally " HH:MM" or "THH:MM", then optionally ":SS" (the seconds
    /// are returned beside it); nil for anything else, or a day the calendar doesn't have.
    public static func parse(_ text: String) -> (LocalTime, second: Int)? {
        let bytes = Array(text.utf8)
        guard let fields = CivilDate.fields(bytes), fields.length == bytes.count else { return nil }
        return (LocalTime(year: Int(fields.year), month: Int(fields.month), day: Int(fields.day), hour: Int(fields.hour),
                          minute: Int(fields.minute)), Int(fields.second))
    }
}
