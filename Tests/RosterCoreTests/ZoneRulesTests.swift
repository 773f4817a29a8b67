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

    @Test("every offset from 1971 to 2060 is Foundation's, in the years past the file's last transition too", arguments: zones)
    func sameAsFoundation(zone: String) throws {
        let rules = try #require(ZoneRules.named(zone))
        let foundation = try #require(TimeZone(identifier: zone))
        var mismatches: [String] = []
        var seconds: Int64 = 31_536_000
        while seconds < 2_840_140_800 {
            let date = Date(timeIntervalSince1970: Double(seconds))
            if rules.secondsFromUTC(at: date) != foundation.secondsFromGMT(for: date) { mismatches.append("\(date)") }
            seconds += 86_400 * 3 + 3_607
        }
        #expect(mismatches.isEmpty, "\(zone): \(mismatches.count) instants differ, first \(mismatches.prefix(3))")
    }

    @Test("the hour either side of each change is Foundation's")
    func aroundChanges() throws {
        for zone in ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe"] {
            let rules = try #require(ZoneRules.named(zone))
            let foundation = try #require(TimeZone(identifier: zone))
            var date = Date(timeIntervalSince1970: 1_700_000_000)
            for _ in 0..<40 {
                guard let next = foundation.nextDaylightSavingTimeTransition(after: date) else { break }
                for delta in [-1.0, 0, 1, -3600, 3600] {
                    let instant = next.addingTimeInterval(delta)
                    #expect(rules.secondsFromUTC(at: instant) == foundation.secondsFromGMT(for: instant), "\(zone) \(instant)")
                }
                date = next.addingTimeInterval(1)
            }
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
        for bad in ["", "C", "CET", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,J0,J365", "<+05", "CET-200"] {
            #expect(PosixZoneRule(bad) == nil, "\(bad)")
        }
    }

    @Test("names that are not zones, or would leave the zone directory, are refused")
    func names() {
        for bad in ["", "../etc/passwd", "Europe/../../etc/passwd", "/etc/localtime", "Europe//Paris", "Europe/Paris/", "Mars/Olympus", "Europe/Par is"] {
            #expect(ZoneRules.named(bad) == nil, "\(bad)")
        }
        #expect(ZoneRules.named("Etc/GMT+5")?.secondsFromUTC(at: Date()) == -18_000)
        #expect(ZoneRules.named("UTC") == .utc)
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

    @Test("a damaged file is no zone: cut short anywhere, or not TZif at all")
    func damagedFiles() throws {
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: "/usr/share/zoneinfo/Europe/Berlin")))
        #expect(TZifFile.rules(identifier: "x", bytes: bytes) != nil)
        for length in stride(from: 0, to: bytes.count - 40, by: 37) {
            // Shorter than its header says: refused, never read past the end.
            let cut = Array(bytes.prefix(length))
            if let rules = TZifFile.rules(identifier: "x", bytes: cut) {
                #expect(rules.transitions.count <= 1_000_000)
            }
        }
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
}
