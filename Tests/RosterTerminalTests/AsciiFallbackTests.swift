import Testing
@testable import RosterTerminal

@Suite("ASCII fallback for the C locale")
struct AsciiFallbackTests {
    @Test("every character becomes as many ASCII characters as it has columns", arguments: [
        (Character("a"), 1, "a"),
        ("é", 1, "e"),
        ("Ö", 1, "O"),
        ("ễ", 1, "e"),
        ("–", 1, "-"),
        ("“", 1, "\""),
        ("…", 1, "~"),
        ("✓", 1, "y"),
        ("王", 2, "??"),
        ("ح", 1, "?"),
        ("🙂", 2, "??"),
        ("Ａ", 2, "??"),
    ] as [(Character, Int, String)])
    func fallback(character: Character, columns: Int, expected: String) {
        let text = AsciiFallback.text(for: character, columns: columns)
        #expect(text == expected)
        #expect(text.count == columns && text.allSatisfy(\.isASCII))
    }
}
