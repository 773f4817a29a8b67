/// What a new password must satisfy (NIST SP 800-63B 5.1.1.2): a minimum length, room for long
/// passphrases, not a commonly used password, not the user's own email name, not the product's
/// name, not one character repeated or a plain sequence. No composition rules, on purpose.
public struct PasswordPolicy: Sendable, Equatable {
    public var minimumLength: Int
    public static let maximumLength = 256

    public init(minimumLength: Int) {
        self.minimumLength = max(8, minimumLength)
    }

    /// Nil when acceptable, otherwise why not.
    public func problem(with password: String, email: Email?) -> String? {
        let length = password.precomposedStringWithCompatibilityMapping.count
        if length < minimumLength {
            return "use at least \(minimumLength) characters (a few words make a good passphrase)."
        }
        if length > Self.maximumLength {
            return "use at most \(Self.maximumLength) characters."
        }
        let folded = password.precomposedStringWithCompatibilityMapping.lowercased()
        if CommonPasswords.list.contains(folded) {
            return "it is one of the most commonly used passwords. Choose something less guessable, such as a few unrelated words."
        }
        if let local = email?.localPart, local.count >= 3, folded.contains(local.lowercased()) {
            return "it must not contain the email's name part."
        }
        if folded.contains("roster") && folded.count < minimumLength + 6 {
            return "it must not be built around the word “roster”."
        }
        if Set(folded).count == 1 || Self.isSequence(folded) {
            return "it must not be one repeated character or a plain sequence such as 123456789 or abcdefgh."
        }
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "it must not contain control characters."
        }
        return nil
    }

    /// Ascending or descending by one, like "123456789", "123456789012" or "zyxwvuts".
    static func isSequence(_ text: String) -> Bool {
        if text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let digits = text.compactMap(\.wholeNumberValue)
            let up = zip(digits, digits.dropFirst()).allSatisfy { ($0 + 1) % 10 == $1 }
            let down = zip(digits, digits.dropFirst()).allSatisfy { ($1 + 1) % 10 == $0 }
            return digits.count >= 2 && (up || down)
        }
        let values = text.unicodeScalars.map { Int($0.value) }
        guard values.count >= 2 else { return false }
        let step = values[1] - values[0]
        guard step == 1 || step == -1 else { return false }
        return zip(values, values.dropFirst()).allSatisfy { $1 - $0 == step }
    }
}
