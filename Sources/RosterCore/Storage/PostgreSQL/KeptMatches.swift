import Foundation
import Synchronization

/// Every user whose search text holds one filter, in name order, kept after they were all
/// found (through the trigram or the character index, 20–40 ms for twenty thousand users at
/// a million, or by a span walk of the name index, 8–13 ms) while `userOrder.version` stands
/// still: the next keystroke of that filter ("sør" after "sø") holds only some of them and is
/// found among them in a millisecond, and the same filter typed again is answered at once.
/// Only for a reader who sees everyone.
final class KeptMatches: Sendable {
    struct Matches: Sendable {
        var version: Int64
        var needle: String
        private(set) var ids: [Int64] = []
        /// Each user's search text, bytes as stored, to narrow to a longer filter.
        private var texts = PackedBytes()

        init(version: Int64, needle: String) {
            self.version = version
            self.needle = needle
        }

        mutating func append(_ id: Int64, text: some Sequence<UInt8>) {
            ids.append(id)
            texts.append(text)
        }

        func text(_ index: Int) -> ArraySlice<UInt8> { texts[index] }

        /// About what it holds in memory.
        var size: Int { texts.size + ids.count * 8 }
    }

    /// The most recently used first.
    private let state = Mutex<[Matches]>([])
    /// Where recent filters' matches begin, and their first pages (`KeptMatches+FirstMatch.swift`),
    /// the latest first.
    let firsts = Mutex<[FirstMatch]>([])
    /// More matches than this are not kept (a filter that common fills its page by walking
    /// the name order instead); about 2 MB of search text at most.
    static let limit = 30_000
    /// Filters kept at once: words typed, cleared and typed again each find theirs.
    static let entries = 16
    /// And at most this much memory for them all (a console's private memory is 8 MB).
    static let budget = 3 << 20

    /// The ids, in name order, of the users holding `needle` at `version`, when matches of
    /// `needle` are kept, or of a filter it contains.
    /// Everything kept at another version is forgotten.
    func matches(_ needle: String, at version: Int64) -> [Int64]? {
        // Needles compare byte for byte, as the server matches them (Swift's == would take
        // two spellings of one accented letter as the same needle).
        let pattern = Array(needle.utf8)
        let found = state.withLock { kept -> (matches: Matches, exact: Bool)? in
            kept.removeAll { $0.version != version }
            if let index = kept.firstIndex(where: { $0.needle.utf8.elementsEqual(pattern) }) {
                let matches = kept.remove(at: index)
                kept.insert(matches, at: 0)
                return (matches, true)
            }
            // Narrower only when its bytes hold the kept filter's: then every text holding it does
            // too. The narrowest such set is the cheapest to check. Checked afresh at every
            // keystroke (a millisecond or two, outside the lock), not kept: each word typed
            // would take up every entry with its prefixes.
            let wider = kept.indices.filter { pattern[...].holds(Array(kept[$0].needle.utf8)) }.min { kept[$0].ids.count < kept[$1].ids.count }
            guard let wider else { return nil }
            let matches = kept.remove(at: wider)
            kept.insert(matches, at: 0)
            return (matches, false)
        }
        guard let found else { return nil }
        if found.exact { return found.matches.ids }
        return found.matches.ids.indices.filter { found.matches.text($0).holds(pattern) }.map { found.matches.ids[$0] }
    }

    /// Keeps every match of `needle` at `version` read by a query as (id, searchText) rows in
    /// name order (their bytes as libpq holds them), and returns their ids; nil, keeping
    /// nothing, when a row can't be read.
    func keep(_ found: PGResult, needle: String, at version: Int64) -> [Int64]? {
        var matches = Matches(version: version, needle: needle)
        for row in 0..<found.count {
            guard let id = found.int64(row, 0), found.withBytes(row, 1, { matches.append(id, text: $0) }) != nil else { return nil }
        }
        keep(matches)
        return matches.ids
    }

    func keep(_ matches: Matches) {
        guard matches.ids.count <= Self.limit, matches.size <= Self.budget else { return }
        state.withLock { kept in
            kept.removeAll { $0.version != matches.version || $0.needle.utf8.elementsEqual(matches.needle.utf8) }
            Self.insert(matches, into: &kept)
        }
    }

    private static func insert(_ matches: Matches, into kept: inout [Matches]) {
        kept.insert(matches, at: 0)
        if kept.count > entries { kept.removeLast(kept.count - entries) }
        while kept.count > 1, kept.reduce(0, { $0 + $1.size }) > budget { kept.removeLast() }
    }
}
