import RosterTerminal
import Testing

@Suite("Escape sequences ncurses did not recognise")
struct EscapeSequenceTests {
    /// Decodes what follows Esc in `text`; returns the result and what was left unread.
    static func decode(_ text: String) -> (Key.EscapeSequence, String) {
        var rest = Array(text.unicodeScalars.map(\.value))[...]
        let result = Key.escapeSequence { rest.popFirst() }
        return (result, String(String.UnicodeScalarView(rest.compactMap(Unicode.Scalar.init))))
    }

    @Test("cursor and editing keys of the VT and xterm families are keys, read to their last character",
          arguments: [("[4~", Key.end), ("[1~", .home), ("[7~", .home), ("[8~", .end), ("[F", .end), ("[H", .home),
                      ("OF", .end), ("OH", .home), ("[5~", .pageUp), ("[6~", .pageDown), ("[3~", .delete), ("[A", .up),
                      ("OB", .down), ("[1;5C", .right), ("[Z", .backTab), ("OP", .function(1))])
    func known(sequence: String, key: Key) {
        let (result, rest) = Self.decode(sequence + "j")
        #expect(result == .key(key))
        #expect(rest == "j", "the key after the sequence is left to be read")
    }

    @Test("another whole sequence is dropped, never typed as its characters (the 4 of ESC [ 4 ~ would pick a tab)",
          arguments: ["[200~", "[?1049h", "[15;2~", "OZ", "[>0;276;0c"])
    func unknownDropped(sequence: String) {
        let (result, rest) = Self.decode(sequence + "q")
        #expect(result == .ignored)
        #expect(rest == "q")
    }

    @Test("Esc alone is Esc; Esc before a key that starts no sequence is Esc (the terminal gives that key back to be read next)")
    func plainEscape() {
        #expect(Self.decode("") == (.escape, ""))
        let (result, _) = Self.decode("j")
        #expect(result == .escape)
    }

    @Test("a sequence cut short or running on without end is dropped, not read past 32 characters")
    func malformed() {
        #expect(Self.decode("[12").0 == .ignored)
        #expect(Self.decode("[" + String(repeating: "1", count: 100)).0 == .ignored)
        #expect(Self.decode("O").0 == .ignored)
    }
}
