import Crypto
import Foundation

/// An OpenSSH public key, as a person pastes it (`ssh-ed25519 AAAA… ana@laptop`) or sshd
/// hands it to `AuthorizedKeysCommand` (`%t %k`), checked down to its wire format.
///
/// Accepted: Ed25519, ECDSA on NIST P-256/384/521, and RSA of 3072 bits or more (NIST
/// SP 800-57's floor for keys used past 2030). Everything else is refused with the reason.
public struct SSHPublicKey: Sendable, Equatable {
    public enum Algorithm: String, Sendable, CaseIterable {
        case ed25519 = "ssh-ed25519"
        case ecdsaP256 = "ecdsa-sha2-nistp256"
        case ecdsaP384 = "ecdsa-sha2-nistp384"
        case ecdsaP521 = "ecdsa-sha2-nistp521"
        case rsa = "ssh-rsa"

        /// How `ssh-keygen -l` names it.
        public var label: String {
            switch self {
            case .ed25519: "ED25519"
            case .ecdsaP256, .ecdsaP384, .ecdsaP521: "ECDSA"
            case .rsa: "RSA"
            }
        }
    }

    public static let minimumRSABits = 3072

    public var algorithm: Algorithm
    /// The key in SSH wire format (what the base64 field decodes to).
    public var blob: Data
    public var bits: Int
    /// The text after the key, if any (often user@host); never trusted, only shown sanitized.
    public var comment: String

    /// `SHA256:` and the unpadded base64 of the blob's SHA-256, as `ssh-keygen -l` prints it.
    public var fingerprint: String { Self.fingerprint(of: blob) }

    /// `type base64`: the key as an authorized_keys line carries it.
    public var openSSH: String { "\(algorithm.rawValue) \(blob.base64EncodedString())" }

    public static func fingerprint(of blob: Data) -> String {
        // OpenSSH's form drops base64's padding, which only ever ends the text. Not
        // `replacingOccurrences`: Foundation's takes longer than the hash in a key lookup.
        "SHA256:" + String(Data(SHA256.hash(data: blob)).base64EncodedString().prefix { $0 != "=" })
    }

    /// Parses one line: `type base64 [comment]`. Options before the type are refused, so a
    /// pasted `command="…"` can't sneak into what sshd is told.
    public init(line: String) throws {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw SSHKeyProblem.empty }
        guard !trimmed.contains("\n") else { throw SSHKeyProblem.severalLines }
        let fields = trimmed.split(maxSplits: 2, whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 2 else { throw SSHKeyProblem.malformed("expected the key type, then the key in base64") }
        try self.init(type: String(fields[0]), base64: String(fields[1]),
                      comment: fields.count > 2 ? String(fields[2]) : "")
    }

    /// Parses the key type and the base64 key (sshd's `%t` and `%k`).
    public init(type: String, base64: String, comment: String = "") throws {
        guard let algorithm = Algorithm(rawValue: type) else { throw SSHKeyProblem.unsupported(type: type) }
        guard base64.utf8.count <= 16_384, let blob = Data(base64Encoded: base64) else {
            throw SSHKeyProblem.malformed("the key is not valid base64")
        }
        var reader = WireReader(blob)
        guard let inner = reader.string(), String(decoding: inner, as: UTF8.self) == type else {
            throw SSHKeyProblem.malformed("the key's data does not say it is \(type)")
        }
        self.algorithm = algorithm
        self.blob = blob
        self.bits = try Self.checkBody(of: algorithm, &reader)
        guard reader.isAtEnd else { throw SSHKeyProblem.malformed("extra bytes after the key") }
        let comment = comment.trimmingCharacters(in: .whitespaces)
        // The comment is shown in lists; keep it short and free of terminal controls.
        self.comment = String(comment.unicodeScalars.filter { !Field.isForbiddenInName($0) }.map(Character.init).prefix(100))
    }

    /// Checks the key material (points on their curve, RSA's size) and returns its size in bits.
    private static func checkBody(of algorithm: Algorithm, _ reader: inout WireReader) throws -> Int {
        switch algorithm {
        case .ed25519:
            guard let raw = reader.string(), (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
                throw SSHKeyProblem.malformed("the Ed25519 key is not 32 valid bytes")
            }
            return 256
        case .ecdsaP256, .ecdsaP384, .ecdsaP521:
            let curve = String(algorithm.rawValue.dropFirst("ecdsa-sha2-".count))
            guard let name = reader.string(), String(decoding: name, as: UTF8.self) == curve, let point = reader.string() else {
                throw SSHKeyProblem.malformed("the ECDSA key does not name its curve \(curve)")
            }
            let valid: Bool
            switch algorithm {
            case .ecdsaP256: valid = (try? P256.Signing.PublicKey(x963Representation: point)) != nil
            case .ecdsaP384: valid = (try? P384.Signing.PublicKey(x963Representation: point)) != nil
            default: valid = (try? P521.Signing.PublicKey(x963Representation: point)) != nil
            }
            guard valid else { throw SSHKeyProblem.malformed("the ECDSA point is not on the curve \(curve)") }
            return algorithm == .ecdsaP256 ? 256 : algorithm == .ecdsaP384 ? 384 : 521
        case .rsa:
            guard let exponent = reader.string(), let modulus = reader.string(), !exponent.isEmpty,
                  let last = modulus.last, last & 1 == 1 else {
                throw SSHKeyProblem.malformed("the RSA key's exponent or modulus is missing")
            }
            let bits = bitLength(of: modulus)
            guard bits >= minimumRSABits else { throw SSHKeyProblem.rsaTooShort(bits: bits) }
            guard bits <= 16_384 else { throw SSHKeyProblem.malformed("the RSA modulus is over 16384 bits") }
            return bits
        }
    }

    /// Bits in a big-endian mpint, ignoring its leading zero bytes.
    static func bitLength(of mpint: Data) -> Int {
        guard let first = mpint.firstIndex(where: { $0 != 0 }) else { return 0 }
        let leading = mpint[first]
        return (mpint.endIndex - first - 1) * 8 + (8 - leading.leadingZeroBitCount)
    }
}

/// Reads SSH wire-format strings (RFC 4251: a 32-bit big-endian length, then the bytes).
struct WireReader {
    private let data: Data
    private var offset: Int

    init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    var isAtEnd: Bool { offset == data.endIndex }

    mutating func string() -> Data? {
        guard data.endIndex - offset >= 4 else { return nil }
        let length = data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        guard length <= data.endIndex - offset - 4 else { return nil }
        let start = offset + 4
        offset = start + length
        return Data(data[start..<offset])
    }
}

/// Why a public key was refused, in words that say what to use instead.
public enum SSHKeyProblem: HumanReadableError, Equatable {
    case empty
    case severalLines
    case unsupported(type: String)
    case rsaTooShort(bits: Int)
    case malformed(String)
    case alreadyRegistered

    public var message: String {
        switch self {
        case .empty:
            "No key given. Pass the contents of a public key file (such as ~/.ssh/id_ed25519.pub)."
        case .severalLines:
            "Give one key at a time: the input has more than one line."
        case .unsupported(let type):
            if type.hasPrefix("ssh-dss") { "DSA keys are obsolete and refused. Make an Ed25519 key: ssh-keygen -t ed25519" }
            else if type.contains("=") || type.contains("\"") || type.contains(",") {
                "Remove the options before the key type: give only `type key comment`."
            } else {
                "Key type \(type) is not accepted. Use Ed25519 (ssh-keygen -t ed25519), ECDSA, or RSA of 3072 bits or more."
            }
        case .rsaTooShort(let bits):
            "This RSA key has \(bits) bits; 3072 or more are required. Make an Ed25519 key instead: ssh-keygen -t ed25519"
        case .malformed(let reason):
            "That is not a valid OpenSSH public key: \(reason). Paste the whole line of the .pub file."
        case .alreadyRegistered:
            "This key is already registered to an account; a key belongs to one account at most. Make another key for this account."
        }
    }
}
