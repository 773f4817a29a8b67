import Foundation
import Synchronization

/// Every user whose search text holds one filter, in name order, kept after they were all
/// found (through the trigram or the character index, 20–40 ms for twenty thousand users at
/// a million) while `userOrder.version` stands still: the next keystroke of that filter ("sør"
/// after "sø") holds only some of them and is found among them in a millisecond, and the same
/// filter typed again is answered at once. Only for a reader who sees everyone.
final class KeptMatches: Sendable {
    struct Matches: Sendable {
        var version: Int64
        var needle: String
        private(set) var ids: [Int64] = []
        /// Each user's search text, bytes as stored, end to end (`ends` marks where each stops),
        /// to narrow to a longer filter: one buffer, not an array a user.
        private var bytes: [UInt8] = []
        private var ends: [Int] = []

        init(version: Int64, needle: String) {
            self.version = version
            self.needle = needle
        }

        init(version: Int64, needle: String, ids: [Int64], texts: [[UInt8]]) {
            self.init(version: version, needle: needle)
            for (id, text) in zip(ids, texts) { append(id, text: text) }
        }

        mutating func append(_ id: Int64, text: some Sequence<UInt8>) {
            ids.append(id)
            bytes.append(contentsOf: text)
            ends.append(bytes.count)
        }

        func text(_ index: Int) -> ArraySlice<UInt8> { bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]] }

        /// About what it holds in memory.
        var size: Int { bytes.count + ids.count * 16 }
    }

    /// The most recently used first.
    private let state = Mutex<[Matches]>([])
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
        state.withLock { kept -> [Int64]? in
            kept.removeAll { $0.version != version }
            if let index = kept.firstIndex(where: { $0.needle == needle }) {
                let matches = kept.remove(at: index)
                kept.insert(matches, at: 0)
                return matches.ids
            }
            // Narrower only when its bytes hold the kept filter's: then every text holding it does
            // too. The narrowest such set is the cheapest to check. Checked afresh at every
            // keystroke (a millisecond or two), not kept: each word typed would take up every
            // entry with its prefixes.
            let pattern = Array(needle.utf8)
            let wider = kept.indices.filter { Self.holds(pattern[...], Array(kept[$0].needle.utf8)) }.min { kept[$0].ids.count < kept[$1].ids.count }
            guard let wider else { return nil }
            let matches = kept.remove(at: wider)
            kept.insert(matches, at: 0)
            return matches.ids.indices.filter { Self.holds(matches.text($0), pattern) }.map { matches.ids[$0] }
        }
    }

    func keep(_ matches: Matches) {
        guard matches.ids.count <= Self.limit else { return }
        state.withLock { kept in
            kept.removeAll { $0.version != matches.version || $0.needle == matches.needle }
            Self.insert(matches, into: &kept)
        }
    }

    private static func insert(_ matches: Matches, into kept: inout [Matches]) {
        kept.insert(matches, at: 0)
        if kept.count > entries { kept.removeLast(kept.count - entries) }
        while kept.count > 1, kept.reduce(0, { $0 + $1.size }) > budget { kept.removeLast() }
    }

    /// Whether `text` holds `pattern`, byte for byte (both folded as `SearchText` folds).
    static func holds(_ text: ArraySlice<UInt8>, _ pattern: [UInt8]) -> Bool {
        guard !pattern.isEmpty else { return true }
        guard text.count >= pattern.count else { return false }
        return text.withUnsafeBufferPointer { haystack in
            pattern.withUnsafeBufferPointer { needle in
                let first = needle[0]
                var start = 0
                // Search texts are a few dozen bytes: a plain scan costs less than any setup.
                while start + needle.count <= haystack.count {
                    if haystack[start] == first {
                        var i = 1
                        while i < needle.count, haystack[start + i] == needle[i] { i += 1 }
                        if i == needle.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
