import Testing
@testable import RosterCore

/// Integers read straight off a result's bytes agree with Swift's own reading of the text.
@Suite("PostgreSQL integers read off the bytes")
struct PGResultIntegerTests {
    @Test("as Int64(String) reads them, signs, bounds and junk included",
          arguments: ["0", "7", "-5", "+7", "42000000", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                      "-9223372036854775809", "99999999999999999999", "", "-", "+", "12a", " 1", "1 ", "--1", "٣"])
    func agrees(text: String) {
        let bytes = Array(text.utf8)
        let read = bytes.withUnsafeBufferPointer(PGResult.int64(parsing:))
        #expect(read == Int64(text), "\(text)")
    }
}
