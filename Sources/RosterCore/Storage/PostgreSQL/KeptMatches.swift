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
        var ids: [Int64]
        /// Each user's search text, bytes as stored, to narrow to a longer filter.
        var texts: [[UInt8]]
    }

    private let state = Mutex<Matches?>(nil)
    /// More matches than this are not kept (a filter that common fills its page by walking
    /// the name order instead); about 2 MB of search text at most.
    static let limit = 30_000

    /// The ids, in name order, of the users holding `needle` at `version`, when the kept
    /// matches are of `needle` or of a filter it contains; the narrower set is kept instead.
    func matches(_ needle: String, at version: Int64) -> [Int64]? {
        state.withLock { kept -> [Int64]? in
            guard let matches = kept, matches.version == version else {
                kept = nil
                return nil
            }
            if matches.needle == needle { return matches.ids }
            // Narrower only when its bytes hold the kept filter's: then every text holding it does too.
            let pattern = Array(needle.utf8)
            guard Self.holds(pattern, Array(matches.needle.utf8)) else { return nil }
            var narrower = Matches(version: version, needle: needle, ids: [], texts: [])
            for (id, text) in zip(matches.ids, matches.texts) where Self.holds(text, pattern) {
                narrower.ids.append(id)
                narrower.texts.append(text)
            }
            kept = narrower
            return narrower.ids
        }
    }

    func keep(_ matches: Matches) {
        guard matches.ids.count <= Self.limit else { return }
        state.withLock { $0 = matches }
    }

    /// Whether `text` holds `pattern`, byte for byte (both folded as `SearchText` folds).
    static func holds(_ text: [UInt8], _ pattern: [UInt8]) -> Bool {
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
