import Foundation
import Testing
@testable import RosterCore

@Suite("Time zones read from the system's tz database")
struct ZoneRulesTests {
    /// Zones with every kind of rule: none, northern and southern daylight time, half and
    /// quarter hours, daylight time abolished, a day skipped at the date line.
    static let zones = ["UTC", "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo",
                        "Asia/Kolkata", "Asia/Kathmandu", "Australia/Sydney", "Australia/Lord_Howe", "Pacific/Chatham",
                        "America/St_Johns", "America/Sao_Paulo", "Pacific/Apia", "Europe/Moscow", "Africa/Johannesburg"]

    /// The C library's offsets (`date`, which reads the same zone files) at those instants.
    static func cLibraryOffsets(_ zone: String, _ instants: [Int64]) throws -> [Int] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["TZ=\(zone)", "date", "-f", "-", "+%::z"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let lines = instants.map { "@\($0)\n" }.joined()
        let writer = Thread { input.fileHandleForWriting.write(Data(lines.utf8)); try? input.fileHandleForWriting.close() }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { text in
            let sign = text.hasPrefix("-") ? -1 : 1
            let parts = text.dropFirst().split(separator: ":").compactMap { Int($0) }
            return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])
        }
    }

    @Test("every offset from 1971 to 2100 is the C library's reading of the same file, past the last transition too",
          arguments: zones + ["Europe/Dublin", "America/Santiago", "America/Nuuk", "Africa/Casablanca", "America/Havana"])
    func sameAsCLibrary(zone: String) throws {
        let rules = try #require(ZoneRules.named(zone))
        let instants = Array(stride(from: Int64(31_536_000), to: 4_102_444_800, by: 86_400 * 3 + 3_607))
        let expected = try Self.cLibraryOffsets(zone, instants)
        #expect(expected.count == instants.count)
        let mismatches = zip(instants, expected).filter { rules.secondsFromUTC(at: Date(timeIntervalSince1970: Double($0.0))) != $0.1 }
        #expect(mismatches.isEmpty, "\(zone): \(mismatches.count) instants differ, first \(mismatches.prefix(3))")
    }

    @Test("every minute of the days clocks change, 2024-2026 and 2040-2041 (the footer's rule), is the C library's")
    func aroundChanges() throws {
        for zone in ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "America/Santiago", "Europe/Dublin"] {
            let rules = try #require(ZoneRules.named(zone))
            var changes: [Int64] = []
            for year in [Int64(2024), 2025, 2026, 2040, 2041] {
                var previous = rules.offset(at: CivilDate.days(fromCivil: year, 1, 1) * 86_400)
                for hour in 0..<(366 * 24) {
                    let instant = CivilDate.days(fromCivil: year, 1, 1) * 86_400 + Int64(hour) * 3600
                    if rules.offset(at: instant) != previous { changes.append(instant) }
                    previous = rules.offset(at: instant)
                }
            }
            #expect(changes.count >= 8, "\(zone) changes twice a year")
            let instants = changes.flatMap { change in stride(from: change - 3 * 3600, through: change + 3600, by: 60) }
            let expected = try Self.cLibraryOffsets(zone, instants)
            let mismatches = zip(instants, expected).filter { Int(rules.offset(at: $0.0)) != $0.1 }
            #expect(mismatches.isEmpty, "\(zone): \(mismatches.count) minutes differ, first \(mismatches.prefix(3))")
        }
    }

    @Test("local wall time and back: 2026-03-29 01:30 in Berlin is 00:30 UTC, 03:30 after the change is 01:30")
    func localTime() throws {
        let berlin = try #require(ZoneRules.named("Europe/Berlin"))
        let before = berlin.date(LocalTime(year: 2026, month: 3, day: 29, hour: 1, minute: 30))
        #expect(before == Date(timeIntervalSince1970: 1_774_744_200))
        #expect(berlin.local(before) == LocalTime(year: 2026, month: 3, day: 29, hour: 1, minute: 30))
        let after = berlin.date(LocalTime(year: 2026, month: 3, day: 29, hour: 3, minute: 30))
        #expect(after.timeIntervalSince(before) == 3600)
        #expect(berlin.local(after).minute16 == "2026-03-29 03:30")
        // 02:30 does not exist that night: read with the offset before the gap (01:30 UTC).
        #expect(berlin.date(LocalTime(year: 2026, month: 3, day: 29, hour: 2, minute: 30)) == after)
        // 02:30 on 25 October happens twice: the first one, still in summer time.
        let twice = berlin.date(LocalTime(year: 2026, month: 10, day: 25, hour: 2, minute: 30))
        #expect(berlin.secondsFromUTC(at: twice) == 7200)
        // Santiago moves its clocks at midnight: 2026-09-06 00:00 does not exist, so the day
        // starts at 01:00 (-03), read with the offset before the gap (-04): 04:00 UTC.
        let santiago = try #require(ZoneRules.named("America/Santiago"))
        let day = santiago.date(LocalTime(year: 2026, month: 9, day: 6))
        #expect(day == Date(timeIntervalSince1970: 1_788_667_200))
        #expect(santiago.local(day).minute16 == "2026-09-06 01:00")
        let tokyo = try #require(ZoneRules.named("Asia/Tokyo"))
        #expect(tokyo.local(Date(timeIntervalSince1970: 0)).minute16 == "1970-01-01 09:00")
    }

    @Test("POSIX rules: northern and southern daylight time, explicit offsets, quoted names, the default dates")
    func posixRules() throws {
        let paris = try #require(PosixZoneRule("CET-1CEST,M3.5.0,M10.5.0/3"))
        #expect(paris.offset(at: 1_782_864_000) == 7200)   // 2026-07-01
        #expect(paris.offset(at: 1_798_761_600) == 3600)   // 2027-01-01
        let sydney = try #require(PosixZoneRule("AEST-10AEDT,M10.1.0,M4.1.0/3"))
        #expect(sydney.offset(at: 1_798_761_600) == 39_600)   // January: summer
        #expect(sydney.offset(at: 1_782_864_000) == 36_000)
        let newYork = try #require(PosixZoneRule("EST5EDT"))
        #expect(newYork.offset(at: 1_782_864_000) == -14_400)
        #expect(newYork.offset(at: 1_798_761_600) == -18_000)
        #expect(PosixZoneRule("<+0545>-5:45")?.offset(at: 0) == 20_700)
        #expect(PosixZoneRule("<-03>3")?.offset(at: 0) == -10_800)
        let lordHowe = try #require(PosixZoneRule("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"))
        #expect(lordHowe.offset(at: 1_798_761_600) == 39_600)
        // The changes themselves: 02:00 local unless a time is given, week 5 the last, J days
        // never counting February 29, n days counting it.
        func change(_ rule: PosixZoneRule, at instant: Int64, from before: Int32, to after: Int32) {
            #expect(rule.offset(at: instant - 1) == before && rule.offset(at: instant) == after, "\(rule) at \(instant)")
        }
        change(newYork, at: 1_772_953_200, from: -18_000, to: -14_400)   // 2026-03-08 02:00 EST
        change(newYork, at: 1_793_512_800, from: -14_400, to: -18_000)   // 2026-11-01 02:00 EDT
        change(paris, at: 1_774_746_000, from: 3600, to: 7200)           // last Sunday of March 2026, 01:00 UTC
        change(paris, at: 1_792_890_000, from: 7200, to: 3600)           // last Sunday of October 2026, 03:00 CEST
        let february = try #require(PosixZoneRule("XXX0YYY,M2.5.0/0,M11.1.0/0"))
        change(february, at: 1_771_718_400, from: 0, to: 3600)           // 2026-02-22, February's last Sunday (it has four)
        let julian = try #require(PosixZoneRule("XXX0YYY,J60/0,J300/0"))
        change(julian, at: 1_835_481_600, from: 0, to: 3600)             // 2028-03-01: J60 skips February 29
        let counted = try #require(PosixZoneRule("XXX0YYY,59/0,300/0"))
        change(counted, at: 1_835_395_200, from: 0, to: 3600)            // 2028-02-29: day 59 counting from 0
        change(counted, at: 1_803_859_200, from: 0, to: 3600)            // 2027-03-01 in a common year
        let late = try #require(PosixZoneRule("XXX0YYY,M3.2.0/26,M11.1.0/-1"))
        change(late, at: 1_773_021_600, from: 0, to: 3600)               // 2026-03-09 02:00 UTC: 26 h after the Sunday's midnight
        change(late, at: 1_793_484_000, from: 3600, to: 0)               // 2026-10-31 23:00 local daylight time: 22:00 UTC
        for bad in ["", "C", "CET", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,J0,J365", "<+05", "CET-200"] {
            #expect(PosixZoneRule(bad) == nil, "\(bad)")
        }
    }

    @Test("names that are not zones, or would leave the zone directory, are refused; a file that is no zone file too")
    func names() throws {
        // A real zone file one level above a zone directory: reachable only by "..".
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zones-\(UUID().uuidString)")
        let zones = root.appendingPathComponent("zoneinfo")
        try FileManager.default.createDirectory(at: zones.appendingPathComponent("Europe"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let berlin = try #require(FileManager.default.contents(atPath: "/usr/share/zoneinfo/Europe/Berlin"))
        try berlin.write(to: root.appendingPathComponent("outside"))
        try berlin.write(to: zones.appendingPathComponent("Europe/Inside"))
        #expect(ZoneRules.named("Europe/Inside", in: zones.path) != nil)
        for escape in ["../outside", "Europe/../../outside", "./../outside", root.appendingPathComponent("outside").path] {
            #expect(ZoneRules.named(escape, in: zones.path) == nil, "\(escape)")
        }
        for bad in ["", "Europe//Paris", "Europe/Paris/", "Mars/Olympus", "Europe/Par is", "Europe/Paris\u{0}"] {
            #expect(ZoneRules.named(bad) == nil, "\(bad)")
        }
        #expect(ZoneRules.named("Etc/GMT+5")?.secondsFromUTC(at: Date()) == -18_000)
        #expect(ZoneRules.named("UTC") == .utc)
        // Not a regular file, or far too big for one: never read.
        #expect(ZoneRules.zoneFile("/dev/zero") == nil)
        #expect(ZoneRules.zoneFile("/usr/share/zoneinfo") == nil)
        #expect(ZoneRules.system(tz: "/dev/zero") == .utc)
    }

    @Test("the process's zone: TZ as a name, :name, a path, a POSIX rule, empty; else /etc/localtime")
    func system() throws {
        #expect(ZoneRules.system(tz: "Asia/Tokyo").identifier == "Asia/Tokyo")
        #expect(ZoneRules.system(tz: ":Asia/Tokyo").identifier == "Asia/Tokyo")
        #expect(ZoneRules.system(tz: "/usr/share/zoneinfo/Asia/Tokyo").identifier == "Asia/Tokyo")
        #expect(ZoneRules.system(tz: "EST5EDT,M3.2.0,M11.1.0").secondsFromUTC(at: Date(timeIntervalSince1970: 1_798_761_600)) == -18_000)
        #expect(ZoneRules.system(tz: "") == .utc)
        #expect(ZoneRules.system(tz: "no such zone") == .utc)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zones-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("localtime").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/usr/share/zoneinfo/Europe/Lisbon")
        #expect(ZoneRules.system(tz: nil, localtime: link).identifier == "Europe/Lisbon")
        #expect(ZoneRules.system(tz: nil, localtime: directory.appendingPathComponent("missing").path) == .utc)
    }

    @Test("a damaged file is no zone: cut short anywhere, wrong counts, bad type indexes, times out of order")
    func damagedFiles() throws {
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: "/usr/share/zoneinfo/Europe/Berlin")))
        let whole = try #require(TZifFile.rules(identifier: "x", bytes: bytes))
        #expect(whole.rule != nil && !whole.transitions.isEmpty)
        // Every length: refused while the 64-bit part is cut; past it only the footer is lost.
        let footer = try #require(bytes.dropLast().lastIndex(of: UInt8(ascii: "\n")))
        for length in 0..<bytes.count {
            let rules = TZifFile.rules(identifier: "x", bytes: Array(bytes.prefix(length)))
            if length < footer {
                #expect(rules == nil, "cut at \(length) of \(bytes.count)")
            } else {
                #expect(rules?.transitions == whole.transitions, "cut at \(length)")
                #expect(rules?.rule == (length == bytes.count ? whole.rule : nil), "cut at \(length)")
            }
        }
        // A version 1 file, hand-made: two transitions, two types.
        func file(transitions: [Int32], types: [UInt8], offsets: [Int32], typeCount: Int? = nil) -> [UInt8] {
            func be(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }
            var out = Array("TZif".utf8) + [0] + [UInt8](repeating: 0, count: 15)
            for count in [0, 0, 0, transitions.count, typeCount ?? offsets.count, 4] { out += be(Int32(count)) }
            out += transitions.flatMap(be) + types
            out += offsets.flatMap { be($0) + [0, 0] } + Array("LMT\0".utf8)
            return out
        }
        let good = TZifFile.rules(identifier: "x", bytes: file(transitions: [0, 100], types: [1, 0], offsets: [3600, 7200]))
        #expect(good?.offset(at: -1) == 3600 && good?.offset(at: 50) == 7200 && good?.offset(at: 100) == 3600)
        #expect(TZifFile.rules(identifier: "x", bytes: file(transitions: [0, 100], types: [1, 2], offsets: [3600, 7200])) == nil, "type 2 of 2")
        #expect(TZifFile.rules(identifier: "x", bytes: file(transitions: [100, 0], types: [1, 0], offsets: [3600, 7200])) == nil, "out of order")
        #expect(TZifFile.rules(identifier: "x", bytes: file(transitions: [], types: [], offsets: [])) == nil, "no types")
        #expect(TZifFile.rules(identifier: "x", bytes: file(transitions: [0], types: [0], offsets: [0], typeCount: 2_000_000)) == nil)
        #expect(TZifFile.rules(identifier: "x", bytes: Array("not a zone file at all, but long enough to have a header".utf8)) == nil)
    }

    @Test("typed times: a day, a minute, a second; impossible days refused")
    func parse() {
        #expect(LocalTime.parse("2026-12-05")?.0 == LocalTime(year: 2026, month: 12, day: 5))
        #expect(LocalTime.parse("2026-12-05 14:03")?.0 == LocalTime(year: 2026, month: 12, day: 5, hour: 14, minute: 3))
        #expect(LocalTime.parse("2026-12-05T14:03:09")?.second == 9)
        for bad in ["2026-02-29", "2026-13-01", "2026-12-5", "2026-12-05 24:00", "2026-12-05 14:60", "2026/12/05", "yesterday"] {
            #expect(LocalTime.parse(bad) == nil, "\(bad)")
        }
        #expect(LocalTime.parse("2024-02-29") != nil)
    }

    @Test("times in audit details read as ISO8601DateFormatter wrote them; no date value traps a conversion")
    func internetTimeAndExtremes() throws {
        let formatter = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        for index in 0..<20_000 {
            // Any fraction, and a hair either side of where the millisecond rounds up to the next second.
            let whole = Double(Int64.random(in: 0..<4_102_444_800, using: &generator))
            let seconds = [Double.random(in: 0..<4_102_444_800, using: &generator), whole + 0.9994999, whole + 0.9995001, whole][index % 4]
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ZoneRules.internetTime(date) == formatter.string(from: date), "\(date.timeIntervalSince1970)")
        }
        let berlin = try #require(ZoneRules.named("Europe/Berlin"))
        // What a number planted in a date column reads as: each converts to something.
        for seconds in [Double.nan, .infinity, -.infinity, 9.3e18, -9.3e18, 1e300, 1e15] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(!berlin.local(date).day10.isEmpty)
            #expect(!ZoneRules.internetTime(date).isEmpty)
            _ = berlin.secondsFromUTC(at: date)
        }
    }
}
