import Foundation

/// What RosterCore needs from the outside world, injected so tests can fix time and randomness.
public struct CoreEnvironment: Sendable {
    /// The current time.
    public var now: @Sendable () -> Date
    /// Cryptographically secure random bytes.
    public var randomBytes: @Sendable (Int) -> [UInt8]
    /// How passwords are hashed; tests pass cheaper scrypt parameters.
    public var passwordHasher: PasswordHasher
    /// The key that seals MFA secrets, loaded only when one is needed.
    public var secrets: @Sendable () throws -> SecretBox

    public init(
        now: @escaping @Sendable () -> Date,
        randomBytes: @escaping @Sendable (Int) -> [UInt8],
        passwordHasher: PasswordHasher,
        secrets: @escaping @Sendable () throws -> SecretBox = { throw RosterError.keyFile(.missing("(none configured)")) }
    ) {
        self.now = now
        self.randomBytes = randomBytes
        self.passwordHasher = passwordHasher
        self.secrets = secrets
    }

    /// A random token of `bytes` bytes, URL-safe, with a prefix that says what it is.
    func token(_ prefix: String, bytes: Int = 32) -> String {
        prefix + Data(randomBytes(bytes)).base64URL
    }

    /// The real clock, the system's CSPRNG and production scrypt parameters.
    public static let live = CoreEnvironment(
        now: { Date() },
        randomBytes: { count in
            // Eight bytes a draw: each draw is a system call (getrandom), and tokens, salts
            // and nonces are drawn for every user an import invites.
            var generator = SystemRandomNumberGenerator()
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count + 8)
            while bytes.count < count {
                withUnsafeBytes(of: generator.next()) { bytes.append(contentsOf: $0) }
            }
            return Array(bytes.prefix(count))
        },
        passwordHasher: PasswordHasher(parameters: .default)
    )
}
