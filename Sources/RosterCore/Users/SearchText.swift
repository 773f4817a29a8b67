import Foundation

/// What a users filter matches: the name and email folded for case and accents, so "ozturk"
/// finds "Öztürk" and "CHLOE" finds "chloé". Stored beside each user (`user.searchText`) and
/// indexed by an FTS5 trigram table; the filter is folded the same way before it is looked up.
public enum SearchText {
    /// Ends the name and the email. Two of them make every one- and two-character substring
    /// the start of some trigram, so short filters can be answered from the trigram index too,
    /// and no filter can match across the name/email boundary.
    static let terminator = "\u{1}\u{1}"

    /// The stored search text for one account.
    public static func of(name: String, email: String) -> String {
        fold(name) + terminator + fold(email) + terminator
    }

    /// The folded form of a filter, or nil when nothing searchable is left.
    public static func needle(_ filter: String) -> String? {
        let folded = fold(filter)
        return folded.isEmpty ? nil : folded
    }

    /// Lowercased, accents and compatibility forms removed, control and format characters
    /// (ESC, bidi overrides, zero-width) dropped: they are never typed on purpose.
    static func fold(_ text: String) -> String {
        // ASCII folds to itself lowercased, less its control characters: no need for
        // Foundation's folding, which an import of 100,000 users paid for twice a user.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 where byte >= 0x20 && byte != 0x7F {
                bytes.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return foldAnyText(text)
    }

    /// `fold` without its ASCII shortcut, which must agree with it (a test holds them together).
    static func foldAnyText(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var scalars = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format: continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
