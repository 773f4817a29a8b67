/// Color pair numbers for a curses terminal. Text roles keep theirs for the whole session;
/// pictures (avatar previews, up to 128 pairs each) share the rest, the least recently used
/// given again when they run out, so viewing any number of avatars never exhausts the
/// terminal's pairs nor takes the ones text needs.
public struct ColorPairPool: Sendable {
    /// Pair numbers 1..<textPairs are for text; the rest, up to the terminal's, for pictures.
    public static let textPairs = 64

    /// One past the highest usable pair number (curses numbers pairs with a 16-bit short).
    public let limit: Int
    private var text: [Appearance: Int] = [:]
    private var pictures: [Appearance: (number: Int, used: Int)] = [:]
    private var clock = 0

    public init(colorPairs: Int) {
        limit = max(1, min(colorPairs, Int(Int16.max)))
    }

    /// The pair number for `appearance`, and whether it must be (re)defined first; nil when
    /// there is none to give (draw with the default pair 0).
    public mutating func pair(for appearance: Appearance, picture: Bool) -> (number: Int, isNew: Bool)? {
        clock += 1
        if !picture {
            if let number = text[appearance] { return (number, false) }
            let number = text.count + 1
            guard number < min(Self.textPairs, limit) else { return nil }
            text[appearance] = number
            return (number, true)
        }
        if let found = pictures[appearance] {
            pictures[appearance] = (found.number, clock)
            return (found.number, false)
        }
        let capacity = limit - Self.textPairs
        guard capacity > 0 else { return nil }
        let number: Int
        if pictures.count < capacity {
            number = Self.textPairs + pictures.count
        } else if let oldest = pictures.min(by: { $0.value.used < $1.value.used }) {
            pictures[oldest.key] = nil
            number = oldest.value.number
        } else {
            return nil
        }
        pictures[appearance] = (number, clock)
        return (number, true)
    }
}
