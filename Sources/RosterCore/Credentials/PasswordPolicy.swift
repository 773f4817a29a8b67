/// What a new password must satisfy (NIST SP 800-63B): length, not the user's own email name.
/// No composition rules, on purpose.
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
        if let local = email?.localPart, local.count >= 3, password.lowercased().contains(local.lowercased()) {
            return "it must not contain the email's name part."
        }
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "it must not contain control characters."
        }
        return nil
    }
}
