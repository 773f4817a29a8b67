import Foundation

extension Data {
    /// Base64 without padding, as PHC strings use it.
    var base64NoPadding: String {
        base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64 with or without padding.
    init?(base64NoPadding text: String) {
        var padded = text
        while padded.count % 4 != 0 { padded += "=" }
        self.init(base64Encoded: padded)
    }

    /// URL-safe base64 without padding, for tokens people copy and paste.
    var base64URL: String {
        base64NoPadding.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hex, without `String(format:)`: hashes are written for every audit row and token.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
