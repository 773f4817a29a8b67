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
    }

    /// Where a walk for a filter may begin.
    enum WalkStart: Equatable {
        /// A filter it contains matched nobody: neither does it.
        case nothingMatches
        /// At this user, the first match of a filter it contains.
        case at(UserCursor)
    }

    /// Filters remembered at once: a word typed, cleared and typed again.
    static let firstMatches = 16

    /// Remembers where `needle`'s matches begin read `ascending` (or down from the end), at
    /// `version`; everything remembered at another version is forgotten.
    func remember(_ needle: String, ascending: Bool, first: UserCursor?, at version: Int64) {
        let entry = FirstMatch(version: version, needle: Array(needle.utf8), ascending: ascending, first: first)
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
}
