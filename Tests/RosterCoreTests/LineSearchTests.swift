import Foundation
import Testing
@testable import RosterCore

@Suite("Counting the lines that hold a filter")
struct LineSearchTests {
    static func count(_ needle: String, in text: String) -> Int {
        Array(needle.utf8).withUnsafeBytes { wanted in
            Array(text.utf8).withUnsafeBytes { LineSearch.countLines(holding: wanted, in: $0) }
        }
    }

    /// What the search must agree with: each line asked on its own.
    static func naive(_ needle: String, in text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in Array(line.utf8).firstRange(of: Array(needle.utf8)) != nil }.count
    }

    @Test("a line counts once however often it holds the filter, and a match never spans two lines")
    func linesNotMatches() {
        #expect(Self.count("an", in: "anna banana\nana\nbob\n") == 2)
        #expect(Self.count("a\nb", in: "a\nb\n") == 0, "a needle with a newline is never asked")
        #expect(Self.count("ab", in: "xa\nbx\n") == 0)
        #expect(Self.count("", in: "abc\n") == 0)
        #expect(Self.count("abcd", in: "abc") == 0, "longer than the text")
    }

    @Test("matches at every offset of the sixteen-byte blocks, at the very end, and in a last line with no newline")
    func blockEdges() {
        for offset in 0..<40 {
            let line = String(repeating: "x", count: offset) + "tanaka"
            #expect(Self.count("tanaka", in: line) == 1, "offset \(offset), no newline")
            #expect(Self.count("tanaka", in: line + "\n" + line + "\n") == 2, "offset \(offset)")
            #expect(Self.count("tanakas", in: line + "\n") == 0, "offset \(offset): one byte short at the end")
            #expect(Self.count("t", in: String(repeating: "y", count: offset) + "t") == 1)
        }
    }

    @Test("folded text in any script: bytes compared, so a match starts on a character")
    func multibyte() {
        let text = "öztürk ayşe\u{1}\u{1}ayse@example.com\u{1}\u{1}\n王小明\u{1}\u{1}wang@example.cn\u{1}\u{1}\nsøren\n"
        #expect(Self.count("ztü", in: text) == 1)
        #expect(Self.count("王", in: text) == 1)
        #expect(Self.count("example.c", in: text) == 2)
        #expect(Self.count("ø", in: text) == 1)
    }

    @Test("agrees with asking each line on its own, for thousands of random texts and filters")
    func agreesWithNaive() {
        var random = SplitMix64(seed: 22)
        let alphabet = Array("aabeknt.@ø\n")
        for round in 0..<3_000 {
            let text = String((0..<Int.random(in: 0...200, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" })
            // Half the time a piece of the text itself, up to 40 bytes: long needles whose last
            // byte's load reaches past the sixteen tested starts.
            let bytes = Array(text.utf8)
            let piece = bytes.isEmpty ? [] : Array(bytes[Int.random(in: 0..<bytes.count, using: &random)...].prefix(Int.random(in: 1...40, using: &random)))
            let taken = String(decoding: piece, as: UTF8.self)
            let needle = Bool.random(using: &random) && !taken.isEmpty && !taken.contains("\n") && taken.utf8.elementsEqual(piece) ? taken
                : String((0..<Int.random(in: 1...4, using: &random)).map { _ in alphabet.dropLast().randomElement(using: &random) ?? "a" })
            #expect(Self.count(needle, in: text) == Self.naive(needle, in: text), "round \(round): \(needle.debugDescription) in \(text.debugDescription)")
        }
    }
}
