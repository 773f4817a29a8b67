/// A login email. Stored lowercased so uniqueness is case-insensitive; never changes once created.
public struct Email: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let value: String

    /// Validates and normalizes an address typed by a person or a script.
    public init(_ raw: String) throws {
        let trimmed = raw.trimmingWhitespace(andNewlines: true)
        guard Email.isPlausible(trimmed) else { throw RosterError.invalidEmail(raw) }
        self.value = trimmed.lowercased()
    }

    /// An address as storage gives it back: normalized when it was written, so not checked again.
    init(stored: String) { value = stored }

    /// The part before the @, used to reject passwords that contain it.
    public var localPart: String { String(value.split(separator: "@", maxSplits: 1).first ?? "") }

    public var description: String { value }
    public static func < (lhs: Email, rhs: Email) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    /// A deliberately simple check (RFC 5321 limits, one @, a dotted domain, no spaces or controls):
    /// the real proof of an address is the mail that reaches it.
    static func isPlausible(_ text: String) -> Bool {
        guard text.utf8.count <= 254 else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty else { return false }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else {
            return false
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F { return false }
            // Controls (Cc) and invisible formatting such as bidi overrides (Cf) have no place in a login.
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return false
            default: break
            }
            if "()<>[]\\,;:\"".unicodeScalars.contains(scalar) { return false }
        }
        return true
    }
}
