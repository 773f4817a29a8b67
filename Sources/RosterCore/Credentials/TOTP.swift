import Crypto
import Foundation

/// One-time codes: HOTP (RFC 4226) and TOTP (RFC 6238).
public struct TOTP: Sendable, Equatable {
    public enum Algorithm: String, Sendable, CaseIterable, Codable {
        case sha1 = "SHA1", sha256 = "SHA256", sha512 = "SHA512"
    }

    public var secret: [UInt8]
    public var algorithm: Algorithm
    public var digits: Int
    /// Seconds per time step.
    public var period: Int

    public init(secret: [UInt8], algorithm: Algorithm = .sha1, digits: Int = 6, period: Int = 30) {
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
    }

    /// The RFC 4226 code for a counter value.
    public func hotp(counter: UInt64) -> String {
        let message = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
        let key = SymmetricKey(data: secret)
        let mac: [UInt8] = switch algorithm {
        case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
        // Dynamic truncation (RFC 4226 section 5.3).
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus = modulus &* 10 }
        let number = digits >= 10 ? binary : binary % modulus
        let text = String(number)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// The time step that contains `date`.
    /// Parameters a real authenticator app uses; anything else is a damaged record.
    public var hasSaneParameters: Bool { (6...8).contains(digits) && (15...300).contains(period) }

    public func step(at date: Date) -> UInt64 {
        // A damaged record's zero or negative period must not divide by zero.
        guard period > 0 else { return 0 }
        return UInt64(max(0, date.timeIntervalSince1970) / Double(period))
    }

    public func code(at date: Date) -> String {
        hotp(counter: step(at: date))
    }

    /// The step a code matches within ±1 step of `date` (clock drift), or nil.
    /// A step at or before `lastUsedStep` never matches: each code works once (replay).
    public func matchingStep(for code: String, at date: Date, lastUsedStep: UInt64?) -> UInt64? {
        let typed = code.filter { !$0.isWhitespace }
        guard hasSaneParameters, typed.count == digits, typed.allSatisfy(\.isASCII), typed.allSatisfy(\.isNumber) else { return nil }
        let now = step(at: date)
        for candidate in [now, now &- 1, now &+ 1] where candidate <= now + 1 {
            if let last = lastUsedStep, candidate <= last { continue }
            if ConstantTime.equal(hotp(counter: candidate), typed) { return candidate }
        }
        return nil
    }

    /// The `otpauth://` URI authenticator apps read from the QR code.
    public func uri(account: String, issuer: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~@")
        let label = (issuer + ":" + account).addingPercentEncoding(withAllowedCharacters: allowed) ?? account
        let issuerParam = issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? issuer
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(issuerParam)"
            + "&algorithm=\(algorithm.rawValue)&digits=\(digits)&period=\(period)"
    }
}

/// RFC 4648 base32 without padding, as authenticator apps expect secrets.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func encode(_ bytes: [UInt8]) -> String {
        var out = ""
        var buffer = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return out
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer = 0, bits = 0
        for ch in text.uppercased() where ch != "=" && ch != " " {
            guard let value = alphabet.firstIndex(of: ch) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return out
    }
}
