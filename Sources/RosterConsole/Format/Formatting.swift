import Foundation
import RosterCore

/// How values read in the console: short role names, local times, grouped numbers.
public struct Formatting: Sendable {
    public var timeZone: TimeZone {
        didSet { calendar.timeZone = timeZone }
    }
    /// Made once: a table frame formats two dates a row, and building a calendar costs more
    /// than the formatting.
    private var calendar: Calendar

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
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

    public func date(_ date: Date) -> String {
        format(date, "yyyy-MM-dd")
    }

    public func dateTime(_ date: Date?) -> String {
        date.map { format($0, "yyyy-MM-dd HH:mm") } ?? "never"
    }

    private func format(_ date: Date, _ pattern: String) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String {
            let n = n ?? 0
            return n < 10 ? "0\(n)" : String(n)
        }
        let day = "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))"
        return pattern == "yyyy-MM-dd" ? day : "\(day) \(two(c.hour)):\(two(c.minute))"
    }
}
