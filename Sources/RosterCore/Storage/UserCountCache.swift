import Synchronization

/// How many users match a filter across the whole directory, remembered while
/// `userOrderVersion` stands still: it moves whenever a user is added, removed, renamed or
/// given another email, which is everything such a count depends on (the filter reads names
/// and emails only).
///
/// Counting a million users takes tens of milliseconds; a console clearing its filter or
/// typing a word it typed before would pay that again on every key, and twenty consoles
/// sharing two cores would queue behind each other's counts.
final class UserCountCache: Sendable {
    private struct State {
        var version: Int64 = -1
        var counts: [String: Int] = [:]
    }

    private let state = Mutex(State())
    /// Enough for every prefix of the filters a team types in a while; cleared when full.
    static let capacity = 512

    /// The key a count is remembered by: a capped count apart from an exact one, for no filter
    /// too (a status line's count of everyone stops past its limit).
    static func key(needle: String?, limit: Int?) -> String {
        (limit.map(String.init) ?? "exact") + (needle.map { ":" + $0 } ?? "")
    }

    /// The count for `key` at `version`, computing it when not known.
    func count(_ key: String, at version: Int64, compute: () throws -> Int) rethrows -> Int {
        if let known = state.withLock({ $0.version == version ? $0.counts[key] : nil }) { return known }
        let counted = try compute()
        state.withLock { state in
            if state.version != version || state.counts.count >= Self.capacity { state = State(version: version) }
            state.counts[key] = counted
        }
        return counted
    }
}
