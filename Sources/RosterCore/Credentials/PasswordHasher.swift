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

        /// N=2^17, r=8, p=1: about 128 MiB and a fraction of a second per hash (DESIGN.md).
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
        guard let stored = PHC(phc),
              let key = try? Self.derive(Self.normalized(password), salt: stored.salt, parameters: stored.parameters)
        else { return false }
        return ConstantTime.equal(key, stored.hash)
    }

    /// Does the same work as `verify` against a hash that can't match, so an unknown
    /// email takes as long as a wrong password.
    public func burnVerification(_ password: String) {
        _ = try? Self.derive(Self.normalized(password), salt: [UInt8](repeating: 0, count: Self.saltLength), parameters: parameters)
    }

    /// Whether a stored hash uses weaker parameters than the current ones (rehash on next sign-in).
    public func needsRehash(_ phc: String) -> Bool {
        guard let stored = PHC(phc) else { return true }
        return stored.parameters != parameters
    }

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

    /// A parsed PHC scrypt string.
    struct PHC {
        var parameters: Parameters
        var salt: [UInt8]
        var hash: [UInt8]

        init?(_ text: String) {
            let parts = text.split(separator: "$", omittingEmptySubsequences: false)
            guard parts.count == 5, parts[0].isEmpty, parts[1] == "scrypt" else { return nil }
            var values: [String: Int] = [:]
            for pair in parts[2].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                guard kv.count == 2, let n = Int(kv[1]) else { return nil }
                values[String(kv[0])] = n
            }
            guard let logN = values["ln"], let r = values["r"], let p = values["p"],
                  (1...30).contains(logN), (1...64).contains(r), (1...16).contains(p),
                  let salt = Data(base64NoPadding: String(parts[3])),
                  let hash = Data(base64NoPadding: String(parts[4])), !hash.isEmpty
            else { return nil }
            self.parameters = Parameters(logN: logN, r: r, p: p)
            self.salt = Array(salt)
            self.hash = Array(hash)
        }
    }
}
