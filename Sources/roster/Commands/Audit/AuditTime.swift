import ArgumentParser
import Foundation
import RosterCore

/// Times as operators type them.
enum AuditTime {
    static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        // A local time ("2026-12-05", "2026-12-05 14:03", "2026-12-05T14:03:09") in the operator's zone.
        guard let (time, second) = LocalTime.parse(text) else { return nil }
        return CommandEnvironment.current.timeZone.date(time, second: second)
    }
}
