import Foundation
import Testing
@testable import RosterCore

@Suite("Folding and trimming text without Foundation's help")
struct TextFoldingTests {
    static let asciiSamples: [String] = {
        var generator = SystemRandomNumberGenerator()
        let singles = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        let mixed = (0..<500).map { _ in
            String(decoding: (0..<Int.random(in: 0...24, using: &generator)).map { _ in UInt8.random(in: 0..<128, using: &generator) },
                   as: UTF8.self)
        }
        return singles + mixed + ["", "Mei Tanaka", "ADA@EXAMPLE.COM", "o'Brien-Smith\t\u{1B}[31m"]
    }()

    @Test("every ASCII text folds as Foundation's folding and the removal of control characters fold it")
    func asciiFold() {
        for text in Self.asciiSamples {
            #expect(SearchText.fold(text) == SearchText.foldAnyText(text), "\(Array(text.utf8))")
        }
    }

    @Test("text beyond ASCII still folds case, accents and width, and drops invisible characters")
    func wideFold() {
        #expect(SearchText.fold("Öztürk") == "ozturk")
        #expect(SearchText.fold("ＡＢＣ\u{200B}é") == "abce")
    }

    @Test("trimming gives what Foundation's trimming gives, with spaces, tabs, newlines and Unicode spaces at either end",
          arguments: [false, true])
    func trimming(andNewlines: Bool) {
        let set: CharacterSet = andNewlines ? .whitespacesAndNewlines : .whitespaces
        let edges = ["", " ", "\t", "\n", "\r\n", "\u{A0}", "\u{2003}", "\u{3000}", "\u{85}", "\u{2028}", "x", "é", "\u{1B}"]
        for start in edges {
            for end in edges {
                for middle in ["", "Mei Tanaka", " a b ", "\t"] {
                    let text = start + middle + end
                    #expect(text.trimmingWhitespace(andNewlines: andNewlines) == text.trimmingCharacters(in: set), "\(Array(text.unicodeScalars))")
                }
            }
        }
        for text in Self.asciiSamples {
            #expect(text.trimmingWhitespace(andNewlines: andNewlines) == text.trimmingCharacters(in: set), "\(Array(text.utf8))")
        }
    }
}
