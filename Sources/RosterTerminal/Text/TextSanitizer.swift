/// The one sanitizer for untrusted text (names, emails, org names, user agents, error
/// messages that quote them) before it reaches a terminal, drawn or printed.
///
/// Control characters (C0, C1, DEL, so ESC too), bidi overrides and isolates, and
/// zero-width characters become visible escapes such as `\x1b` or `\u202e`, so a name can
/// neither move the cursor nor reverse the line it sits on, and an operator can see it's there.
public enum TextSanitizer {
    public static func sanitize(_ raw: String) -> String {
        // Fast path: most names and emails are plain text.
        if !raw.unicodeScalars.contains(where: { escape(for: $0) != nil }) { return raw }
        var out = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            if let escape = escape(for: scalar) {
                out.append(contentsOf: escape.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The visible escape for a scalar that must not reach a terminal as is, or nil.
    public static func escape(for scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        switch v {
        case 0x00...0x1F, 0x7F...0x9F:
            return "\\x" + hex(v, digits: 2)
        case 0x061C,           // Arabic letter mark
             0x180E,           // Mongolian vowel separator
             0x200B...0x200F,  // zero-width space/joiners, LRM, RLM
             0x2028, 0x2029,   // line and paragraph separators
             0x202A...0x202E,  // bidi embeddings and overrides
             0x2060...0x2064,  // word joiner, invisible operators
             0x2066...0x2069,  // bidi isolates
             0xFEFF:           // zero-width no-break space (BOM)
            return "\\u" + hex(v, digits: 4)
        default:
            return nil
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
