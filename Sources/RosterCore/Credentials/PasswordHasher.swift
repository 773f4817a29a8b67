import Crypto
import CryptoExtras
import Foundation

/// Hashes passwords as PHC strings: `$scrypt$ln=17,r=8,p=1$<salt>$<hash>`.
/// The parameters live in the string, so old hashes verify after the defaults change.
public struct PasswordHasher: Sendable {
    /// scrypt cost parameters.
    public struct Parameters: Sendable, Equatable {
        /// log2 of N, the CPU/memory cost.
        public var logN: Int
        public var r: Int
        public var p: Int

        public init(logN: Int, r: Int, p: Int) {
            self.logN = logN
            self.r = r
            self.p = p
        }

        /// N=2^17, r=8, p=1: about 128 MiB and a fraction of a second per hash.
        public static let `default` = Parameters(logN: 17, r: 8, p: 1)
        /// For tests only: fast, and far too weak for real passwords.
        public static let testing = Parameters(logN: 4, r: 8, p: 1)
    }

    public var parameters: Parameters
    static let saltLength = 16
    static let keyLength = 32

    public init(parameters: Parameters) {
        self.parameters = parameters
    }

    /// Hashes a password with a fresh salt.
    public func hash(_ password: String, salt: [UInt8]) throws -> String {
        let key = try Self.derive(Self.normalized(password), salt: salt, parameters: parameters)
        return "$scrypt$ln=\(parameters.logN),r=\(parameters.r),p=\(parameters.p)$"
            + Data(salt).base64NoPadding + "$" + Data(key).base64NoPadding
    }

    /// Checks a password against a stored PHC string in constant time. A malformed string never matches.
    public func verify(_ password: String, against phc: String) -> Bool {
        guard let stored = PHC(phc, minimumLogN: minimumLogN),
              let key = try? Self.derive(Self.normalized(password), salt: stored.salt, parameters: stored.parameters)
        else { return false }
        return ConstantTime.equal(key, stored.hash)
    }

    /// Does the same work as `verify` against a hash that can't match, so an unknown
    /// email takes as long as a wrong password.
    public func burnVerification(_ password: String) {
        _ = try? Self.derive(Self.normalized(password), salt: [UInt8](repeating: 0, count: Self.saltLength), parameters: parameters)
    }

    /// Whether a stored hash uses weaker parameters than the current ones (rehash on next
    /// sign-in). Only ever upward: a hash stronger than today's settings is kept as it is.
    public func needsRehash(_ phc: String) -> Bool {
        guard let stored = PHC(phc, minimumLogN: minimumLogN) else { return false }
        return stored.parameters.logN < parameters.logN || stored.parameters.r < parameters.r || stored.parameters.p < parameters.p
    }

    /// The weakest cost a stored hash may claim: 2^14, or this hasher's own cost when lower
    /// (the test suite's deliberately cheap hashes).
    var minimumLogN: Int { min(PHC.logNRange.lowerBound, parameters.logN) }

    /// NFKC, so the same password typed on different keyboards hashes the same (NIST 800-63B 5.1.1.2).
    static func normalized(_ password: String) -> [UInt8] {
        Array(password.precomposedStringWithCompatibilityMapping.utf8)
    }

    static func derive(_ password: [UInt8], salt: [UInt8], parameters: Parameters) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: password, salt: salt, outputByteCount: keyLength,
            rounds: 1 << parameters.logN, blockSize: parameters.r, parallelism: parameters.p)
        return key.withUnsafeBytes { Array($0) }
    }
}
