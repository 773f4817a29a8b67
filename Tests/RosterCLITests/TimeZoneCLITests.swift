import Foundation
@testable import roster
import RosterCore
import Testing

@Suite("Times in the operator's zone (TZ)")
struct TimeZoneCLITests {
    func withTZ<T>(_ tz: String?, _ body: () -> T) -> T {
        let variables = tz.map { ["TZ": $0] } ?? [:]
        return CommandEnvironment.$current.withValue(.inMemory(variables: variables, input: Data(), written: CommandEnvironment.Written())) { body() }
    }

    @Test("listings show times in TZ's zone; typed times are read in it")
    func listingAndTyping() {
        let midnightUTC = Date(timeIntervalSince1970: 1_764_892_800)   // 2025-12-05 00:00 UTC
        #expect(withTZ("Asia/Tokyo") { Output.time(midnightUTC) } == "2025-12-05 09:00")
        #expect(withTZ(":America/New_York") { Output.time(midnightUTC) } == "2025-12-04 19:00")
        #expect(withTZ("UTC") { Output.time(midnightUTC) } == "2025-12-05 00:00")
        #expect(withTZ("UTC") { Output.time(nil) } == "never")
        #expect(withTZ("Asia/Tokyo") { AuditTime.parse("2025-12-05 09:00") } == midnightUTC)
        #expect(withTZ("Asia/Tokyo") { AuditTime.parse("2025-12-05T09:00:30") } == midnightUTC.addingTimeInterval(30))
        #expect(withTZ("America/New_York") { AuditTime.parse("2025-12-04") } == Date(timeIntervalSince1970: 1_764_824_400))
        #expect(withTZ("Asia/Tokyo") { AuditTime.parse("2025-12-05T00:00:00Z") } == midnightUTC, "an ISO 8601 time with its zone ignores TZ")
        #expect(withTZ("UTC") { AuditTime.parse("last tuesday") } == nil)
        #expect(withTZ("UTC") { AuditTime.parse("2025-02-29") } == nil)
    }
}
