import Foundation
import Testing
@testable import RosterCore

@Suite("Tokens' text and randomness")
struct Base64URLTests {
    @Test("base64 without padding, and its URL-safe form, agree with Foundation's text for every length and byte")
    func agreesWithFoundation() {
        var bytes: [UInt8] = []
        for length in 0..<70 {
            let data = Data(bytes)
            let plain = data.base64EncodedString().replacingOccurrences(of: "=", with: "")
            #expect(data.base64NoPadding == plain)
            #expect(data.base64URL == plain.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
            #expect(Data(base64NoPadding: data.base64NoPadding) == data)
            // Bytes that make `+` and `/` (0xFB, 0xFF) as well as the rest.
            bytes.append(UInt8((length * 37 + 0xFB) % 256))
        }
        #expect(Data([0xFB, 0xFF, 0xBF]).base64URL == "-_-_")
    }

    @Test("the live randomness gives exactly the bytes asked for, different each time")
    func liveRandomBytes() {
        for count in [0, 1, 7, 8, 9, 12, 16, 32, 33] {
            let first = CoreEnvironment.live.randomBytes(count), second = CoreEnvironment.live.randomBytes(count)
            #expect(first.count == count && second.count == count)
            if count >= 8 { #expect(first != second) }
        }
    }
}
