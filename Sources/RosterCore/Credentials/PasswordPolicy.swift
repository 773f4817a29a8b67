/// What a new password must satisfy (NIST SP 800-63B 5.1.1.2): a minimum length, room for long
/// passphrases, not the user's own email name, and hard enough to guess: zxcvbn's estimate
/// (breached passwords, names, words, keyboard walks, sequences, repeats, dates, and the
/// user's own names) must reach `minimumGuessesLog10`. No composition rules, on purpose.
public struct PasswordPolicy: Sendable, Equatable {
    public var minimumLength: Int
    /// log10 of the fewest guesses a password may take (10 by default: 10^10).
    public var minimumGuessesLog10: Int
    public static let maximumLength = 256

    public init(minimumLength: Int, minimumGuessesLog10: Int = 10) {
        self.minimumLength = max(8, minimumLength)
        self.minimumGuessesLog10 = minimumGuessesLog10
    }

    /// Nil when acceptable, otherwise why not. `names`: the account's first and last name.
    public func problem(with password: String, email: Email?, names: [String] = []) -> String? {
        let length = password.precomposedStringWithCompatibilityMapping.count
        if length < minimumLength {
            return "use at least \(minimumLength) characters (a few words make a good passphrase)."
        }
        if length > Self.maximumLength {
            return "use at most \(Self.maximumLength) characters."
        }
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return "it must not contain control characters."
        }
        let folded = password.precomposedStringWithCompatibilityMapping.lowercased()
        if let local = email?.localPart, local.count >= 3, folded.contains(local.lowercased()) {
            return "it must not contain the email's name part."
        }
        let userWords = [email?.localPart].compactMap { $0 } + names + ["roster"]
        let estimate = GuessEstimate(password.precomposedStringWithCompatibilityMapping, userWords: userWords)
        if estimate.log10Guesses < Double(minimumGuessesLog10) {
            let why = estimate.patterns.prefix(3)
            let built = why.isEmpty ? "" : ": it is built on " + Self.list(Array(why))
            return "it is too easy to guess (about 10^\(max(0, Int(estimate.log10Guesses))) guesses)\(built). "
                + "Choose something less guessable, such as a few unrelated words."
        }
        return nil
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }
}
