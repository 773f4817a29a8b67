/// The one sanitizer for untrusted text (names, emails, org names, user agents, error
/// messages that quote them) before it reaches a terminal, drawn or printed.
///
/// Control characters (C0, C1, DEL, so ESC too), bidi overrides and isolates, zero-width
/// and other default-ignorable characters (soft hyphen, Hangul fillers, tags, variation
/// selectors outside emoji) become visible escapes such as `\x1b` or `\u202e`, so a name can
/// neither move the cursor nor reverse the line it sits on, nor hide a character two
/// look-alike names differ by, and an operator can see it's there.
public enum TextSanitizer {
    public static func sanitize(_ raw: String) -> String {
        // Fast path: most names and emails are plain text.
        var previous: Unicode.Scalar?
        if !raw.unicodeScalars.contains(where: { scalar in
            defer { previous = scalar }
            return escape(for: scalar, after: previous) != nil
        }) { return raw }
        var out = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            // Judged against what was emitted, not what was read: a variation selector after a
            // character that became an escape no longer follows an emoji (found by fuzzing).
            if let escape = escape(for: scalar, after: out.last) {
                out.append(contentsOf: escape.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The visible escape for a scalar that must not reach a terminal as is, or nil.
    /// `previous` decides variation selectors: after an emoji they pick its look (text or
    /// picture) and stay; anywhere else they are invisible and become escapes.
    public static func escape(for scalar: Unicode.Scalar, after previous: Unicode.Scalar? = nil) -> String? {
        let v = scalar.value
        switch v {
        case 0x00...0x1F, 0x7F...0x9F:
            return "\\x" + hex(v, digits: 2)
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF:  // variation selectors
            let afterEmoji = previous.map { $0.properties.isEmoji && !$0.isASCII } ?? false
            return afterEmoji ? nil : (v > 0xFFFF ? "\\U" + hex(v, digits: 8) : "\\u" + hex(v, digits: 4))
        case 0x00AD,           // soft hyphen
             0x034F,           // combining grapheme joiner
             0x061C,           // Arabic letter mark
             0x115F, 0x1160,   // Hangul choseong and jungseong fillers
             0x17B4, 0x17B5,   // Khmer inherent vowels
             0x180B...0x180F,  // Mongolian free variation selectors and vowel separator
             0x200B...0x200F,  // zero-width space/joiners, LRM, RLM
             0x2028, 0x2029,   // line and paragraph separators
             0x202A...0x202E,  // bidi embeddings and overrides
             0x2060...0x206F,  // word joiner, invisible operators, bidi isolates, deprecated format controls
             0x3164, 0xFFA0,   // Hangul fillers
             0xFEFF,           // zero-width no-break space (BOM)
             0xFFF0...0xFFF8:  // unassigned specials
            return "\\u" + hex(v, digits: 4)
        case 0x1BCA0...0x1BCA3, 0xE0000...0xE007F:  // shorthand format controls, tag characters
            return "\\U" + hex(v, digits: 8)
        default:
            return nil
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
