/// Makes untrusted text safe to print in an error message or on a terminal line:
/// control characters, bidi overrides and zero-width characters become visible escapes.
///
/// RosterTerminal has the full sanitizer for drawing; this one is for CLI output and
/// messages, which must not let a user's name move the cursor or reverse a line.
public enum Sanitized {
    public static func text(_ raw: String) -> String {
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        for scalar in raw.unicodeScalars {
            if let escape = escape(scalar) {
                out += escape
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The visible escape for a scalar that must not reach a terminal as is, or nil.
    public static func escape(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        switch v {
        case 0x00...0x1F, 0x7F:
            return "\\x" + hex(v, width: 2)
        case 0x80...0x9F:
            return "\\x" + hex(v, width: 2)
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF, 0x061C, 0x180E:
            return "\\u" + hex(v, width: 4)
        default:
            return nil
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
