import Synchronization

extension KeptMatches {
    /// Where a filter's first match lies in name order, read one way, at one
    /// `userOrder.version`, whichever plan found it. No user before it holds the filter, so
    /// none holds a longer one containing it: the next keystroke's walk ("sørens" after
    /// "søren") starts there instead of at the start of the order, and spends its rows where
    /// matches can be.
    struct FirstMatch: Sendable {
        var version: Int64
        var needle: [UInt8]
        var ascending: Bool
        /// The first match in reading order; nil when nothing matched at all.
        var first: UserCursor?
        /// The first page read: the first `wanted` matches in reading order, or every match
        /// when there were fewer. The same filter typed again (after a backspace, or cleared
        /// and typed anew) is answered from it, where a rare one would walk its stretch again.
        var page: [UserID] = []
        var wanted = 0
    }

    /// Where a walk for a filter may begin.
    enum WalkStart: Equatable {
        /// A filter it contains matched nobody: neither does it.
        case nothingMatches
        /// At this user, the first match of a filter it contains.
        case at(UserCursor)
    }

    /// Filters remembered at once: every prefix of the last dozen or so words typed, each with
    /// its first page (about 0.5 KB at the console's page size at 120x40).
    static let firstMatches = 128
    /// Pages longer than this (a very tall terminal; `UserQuery` allows 1,000) are not
    /// remembered: 256 KB at most for them all.
    static let pageLimit = 256

    /// Remembers where `needle`'s matches begin read `ascending` (or down from the end), at
    /// `version`, and the first page read (`page`, a page of `wanted`); everything remembered
    /// at another version is forgotten.
    func remember(_ needle: String, ascending: Bool, first: UserCursor?, page: [UserID] = [], wanted: Int = 0, at version: Int64) {
        let kept = page.count <= Self.pageLimit
        let entry = FirstMatch(version: version, needle: Array(needle.utf8), ascending: ascending, first: first,
                               page: kept ? page : [], wanted: kept ? wanted : 0)
        firsts.withLock { firsts in
            firsts.removeAll { $0.version != version || ($0.needle == entry.needle && $0.ascending == ascending) }
            firsts.insert(entry, at: 0)
            if firsts.count > Self.firstMatches { firsts.removeLast(firsts.count - Self.firstMatches) }
        }
    }

    /// Where the walk for `needle` read `ascending` may begin at `version`, from the remembered
    /// filters it holds (byte for byte, as the server matches): nothing matches when one of
    /// them matched nobody, else from the longest one's first match (usually the last
    /// keystroke's); nil when none is remembered.
    func start(for needle: String, ascending: Bool, at version: Int64) -> WalkStart? {
        let pattern = ArraySlice(needle.utf8)
        let held = firsts.withLock { firsts -> [FirstMatch] in
            firsts.removeAll { $0.version != version }
            return firsts.filter { $0.ascending == ascending && pattern.holds($0.needle) }
        }
        if held.contains(where: { $0.first == nil }) { return .nothingMatches }
        return held.max { $0.needle.count < $1.needle.count }?.first.map(WalkStart.at)
    }

    /// The first page of `wanted` for `needle` read `ascending` at `version`, when that very
    /// filter's first page was remembered and holds it: as many rows or more, or every match.
    func firstPage(for needle: String, ascending: Bool, wanted: Int, at version: Int64) -> [UserID]? {
        let pattern = Array(needle.utf8)
        let entry = firsts.withLock { firsts -> FirstMatch? in
            firsts.removeAll { $0.version != version }
            return firsts.first { $0.ascending == ascending && $0.needle == pattern }
        }
        guard let entry else { return nil }
        if entry.page.count >= wanted { return Array(entry.page.prefix(wanted)) }
        return entry.page.count < entry.wanted ? entry.page : nil
    }
}
