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

    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
