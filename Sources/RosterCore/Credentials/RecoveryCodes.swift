import Crypto
import Foundation

/// Single-use recovery codes: 10 of them, `xxxx-xxxx-xxxx-xxxx` (80 bits each), stored as SHA-256.
/// Random codes this long need no slow hash: there is nothing to guess from the hash.
enum RecoveryCodes {
    static let count = 10
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    static func generate(randomBytes: (Int) -> [UInt8]) -> [String] {
        (0..<count).map { _ in
            let letters = RandomText.sample(alphabet, count: 16, randomBytes: randomBytes)
            return stride(from: 0, to: 16, by: 4).map { i in
                String(letters[letters.index(letters.startIndex, offsetBy: i)..<letters.index(letters.startIndex, offsetBy: i + 4)])
            }.joined(separator: "-")
        }
    }

    /// Lowercase, no dashes or spaces: how a code is hashed and compared.
    static func normalized(_ code: String) -> String {
        code.lowercased().filter { $0 != "-" && !$0.isWhitespace }
    }

    static func hash(_ code: String) -> String {
        Data(SHA256.hash(data: Data(normalized(code).utf8))).hex
    }
}
