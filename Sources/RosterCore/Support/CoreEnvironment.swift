import Foundation

/// What RosterCore needs from the outside world, injected so tests can fix time and randomness.
public struct CoreEnvironment: Sendable {
    /// The current time.
    public var now: @Sendable () -> Date
    /// Cryptographically secure random bytes.
    public var randomBytes: @Sendable (Int) -> [UInt8]
    /// How passwords are hashed; tests pass cheaper scrypt parameters.
    public var passwordHasher: PasswordHasher

    public init(
        now: @escaping @Sendable () -> Date,
        randomBytes: @escaping @Sendable (Int) -> [UInt8],
        passwordHasher: PasswordHasher
    ) {
        self.now = now
        self.randomBytes = randomBytes
        self.passwordHasher = passwordHasher
    }

    /// The real clock, the system's CSPRNG and production scrypt parameters.
    public static let live = CoreEnvironment(
        now: { Date() },
        randomBytes: { count in
            var generator = SystemRandomNumberGenerator()
            return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        },
        passwordHasher: PasswordHasher(parameters: .default)
    )
}
