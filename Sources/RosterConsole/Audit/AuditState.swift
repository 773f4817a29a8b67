import Foundation
import RosterCore

/// The audit screen: the trail newest first, read a page at a time by keyset, narrowed by a
/// filter line (`action:user.* outcome:denied actor:ana@example.com since:2026-11-01`), with
/// the chain's state in the header, checked in the background.
public struct AuditState: Equatable, Sendable {
    public var rows: [AuditEntry] = []
    public var selected = 0
    public var top = 0
    public var hasMore = false
    public var loading = true
    public var error: String?
    public var filter = ""
    public var editingFilter = false
    /// What the filter line means, or why it can't be read.
    public var filterProblem: String?
    /// "verified through row N", the first broken row, or nil while checking.
    public var chain: String?
    /// The row opened with Enter.
    public var showing: AuditEntry?
    /// The query the rows on screen answer (the filter as read).
    public var query = AuditQuery(limit: AuditState.pageSize)
    /// The filter's `org:`, looked up when the rows are read (the operator may not see every org).
    public var org: String?
    /// Bumped when the query changes; older pages are dropped.
    public var generation = 0

    public static let pageSize = 100

    public init() {}

    public var selectedRow: AuditEntry? { rows.indices.contains(selected) ? rows[selected] : nil }
}

/// A filter line read into a query: `word:value` pairs, any order; a bare word is an action.
enum AuditFilter {
    static let help = "action:user.* outcome:denied actor:EMAIL target:EMAIL org:NAME since:YYYY-MM-DD until:YYYY-MM-DD"

    /// The query, and the `org:` to look up. A value with spaces goes in quotes: org:"Acme Operations".
    static func query(_ text: String, timeZone: ZoneRules) throws -> (AuditQuery, org: String?) {
        var org: String?
        var query = AuditQuery(limit: AuditState.pageSize)
        for word in words(text) {
            let parts = word.split(separator: ":", maxSplits: 1).map(String.init)
            let (key, value) = parts.count == 2 ? (parts[0].lowercased(), parts[1]) : ("action", word)
            switch key {
            case "action": query.action = value
            case "outcome":
                guard let outcome = AuditOutcome(rawValue: value.lowercased()) else {
                    throw AuditFilterProblem("outcome is success, denied or failed, not “\(value)”.")
                }
                query.outcome = outcome
            case "actor": query.actor = .label(value)
            case "target": query.target = .label(value)
            case "org": org = value
            case "since", "until":
                guard value.utf8.count == 10, let (day, _) = LocalTime.parse(value) else {
                    throw AuditFilterProblem("\(key) takes a day as YYYY-MM-DD, not “\(value)”.")
                }
                // The local day from its midnight to the next (23 or 25 hours when clocks change).
                if key == "since" {
                    query.since = timeZone.date(day)
                } else {
                    query.until = timeZone.date(day.nextDay)
                }
            default:
                throw AuditFilterProblem("“\(key):” is not a filter; use \(help).")
            }
        }
        return (query, org)
    }

    /// Words split at spaces, except inside double quotes (which are dropped).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
            } else if character == " ", !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

struct AuditFilterProblem: Error, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}
