import Foundation
import RosterCore

/// How values read in the console: short role names, local times, grouped numbers.
public struct Formatting: Sendable {
    /// The zone times are shown in (the server's, or `TZ`'s): read from the system's zone
    /// files rather than through Foundation's `TimeZone` and `Calendar`, which are ICU's.
    public var timeZone: ZoneRules

    public init(timeZone: ZoneRules) {
        self.timeZone = timeZone
    }

    /// "1,000,000": thousands separated the same way whatever the locale, for a stable screen.
    public static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    public static func role(_ role: SystemRole) -> String {
        switch role {
        case .administrator: "Admin"
        case .operationsAdmin: "Ops admin"
        case .accountsAdmin: "Accts admin"
        case .standard: "Standard"
        case .readOnly: "Read-only"
        }
    }

    /// "1 h 30 min", "45 min", "2 h": a length of time as a sentence says it, whole minutes.
    public static func span(_ seconds: TimeInterval) -> String {
        let minutes = max(0, Int((seconds / 60).rounded(.up)))
        let (h, m) = (minutes / 60, minutes % 60)
        if h == 0 { return "\(m) min" }
        return m == 0 ? "\(h) h" : "\(h) h \(m) min"
    }

    /// "2h", "45m": time left in a table cell, rounded up (never "0m" while any is left).
    public static func shortSpan(_ seconds: TimeInterval) -> String {
        seconds >= 3600 ? "\(Int((seconds / 3600).rounded(.up)))h" : "\(max(1, Int((seconds / 60).rounded(.up))))m"
    }

    /// "2026-12-05", local.
    public func date(_ date: Date) -> String {
        timeZone.local(date).day10
    }

    /// "2026-12-05 14:03", local; "never" for no date.
    public func dateTime(_ date: Date?) -> String {
        date.map { timeZone.local($0).minute16 } ?? "never"
    }
}
