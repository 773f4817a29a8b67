import Foundation
import Testing
@testable import RosterCore

@Suite("Audit details as JSON")
struct AuditJSONTests {
    static func encoder(_ details: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(details), as: UTF8.self)
    }

    @Test("written byte for byte as JSONEncoder writes them, keys sorted, for every control character, quote, slash and script")
    func sameAsJSONEncoder() throws {
        let awkward = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
            + ["\"", "\\", "/", "\u{7F}", "é", "王", "👩‍👩‍👧", "\u{2028}", "\u{FEFF}", "a\"b\\c/d", "", " "]
        let keys = ["role", "Role", "b", "a", "a1", "a10", "a2", "_x", "é", "Z", "z", "email", "org", "王", "~"]
        #expect(AuditAppend.json([:]) == (try Self.encoder([:])))
        for (index, value) in awkward.enumerated() {
            var details: [String: String] = [:]
            for (offset, key) in keys.enumerated() { details[key] = awkward[(index + offset) % awkward.count] + value }
            details[value.isEmpty ? "empty" : value] = value
            #expect(AuditAppend.json(details) == (try Self.encoder(details)), "\(value.unicodeScalars.map(\.value))")
        }
    }
}
