import Foundation

extension Data {
    /// Base64 without padding, as PHC strings use it.
    var base64NoPadding: String { base64(mapping: { $0 }) }

    /// The base64 text with each character mapped and the padding left out, in one pass over
    /// its bytes: Foundation's `replacingOccurrences` cost microseconds a call, three a token
    /// (an import of 100,000 users with invitations spent 4 % of its time there).
    private func base64(mapping map: (UInt8) -> UInt8) -> String {
        var bytes = Array(base64EncodedData())
        while bytes.last == UInt8(ascii: "=") { bytes.removeLast() }
        for index in bytes.indices { bytes[index] = map(bytes[index]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes base64 with or without padding.
    init?(base64NoPadding text: String) {
        var padded = text
        while padded.count % 4 != 0 { padded += "=" }
        self.init(base64Encoded: padded)
    }

    /// URL-safe base64 without padding, for tokens people copy and paste.
    var base64URL: String {
        base64 { byte in
            switch byte {
            case UInt8(ascii: "+"): UInt8(ascii: "-")
            case UInt8(ascii: "/"): UInt8(ascii: "_")
            default: byte
            }
        }
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
