import Testing
@testable import RosterTerminal

@Suite("Text sanitizing and width")
struct TextTests {
    @Test("controls, ESC, bidi overrides and zero-width characters become visible escapes", arguments: [
        ("plain name", "plain name"),
        ("\u{1b}[31mred", "\\x1b[31mred"),
        ("bell\u{07}", "bell\\x07"),
        ("tab\tnew\nline", "tab\\x09new\\x0aline"),
        ("c1\u{9b}31m", "c1\\x9b31m"),
        ("del\u{7f}", "del\\x7f"),
        ("\u{202e}evil", "\\u202eevil"),
        ("iso\u{2066}late\u{2069}", "iso\\u2066late\\u2069"),
        ("zero\u{200b}width", "zero\\u200bwidth"),
        ("bom\u{feff}", "bom\\ufeff"),
        ("李伟 Zoë", "李伟 Zoë"),
        ("ad\u{ad}min", "ad\\u00admin"),
        ("\u{3164}\u{115f}x", "\\u3164\\u115fx"),
        ("cgj\u{34f}", "cgj\\u034f"),
        ("old\u{206a}", "old\\u206a"),
        ("tag\u{e0041}", "tag\\U000e0041"),
        ("a\u{fe0f}", "a\\ufe0f"),
        ("❤\u{fe0f}", "❤\u{fe0f}"),
        ("ideo\u{e0100}", "ideo\\U000e0100"),
    ])
    func sanitize(raw: String, expected: String) {
        #expect(TextSanitizer.sanitize(raw) == expected)
    }

    @Test("width is counted per grapheme: wide = 2, combining = 0, emoji = 2", arguments: [
        ("abc", 3), ("李伟", 4), ("e\u{301}", 1), ("Zoë", 3), ("한국어", 6), ("👩‍💻", 2), ("❤️", 2), ("ＡＢ", 4), ("", 0),
    ])
    func width(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test("truncation ends with an ellipsis and never splits a wide character")
    func truncate() {
        #expect(DisplayWidth.truncate("Tanaka Mei", to: 6) == "Tanak…")
        #expect(DisplayWidth.truncate("李伟李伟", to: 6) == "李伟…")
        #expect(DisplayWidth.truncate("李伟李伟", to: 4) == "李…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
        #expect(DisplayWidth.truncate("abcdef", to: 4, ellipsis: "~") == "abc~")
    }

    @Test("padding fills to the exact width")
    func pad() {
        #expect(DisplayWidth.pad("李", to: 4) == "李  ")
        #expect(DisplayWidth.pad("7", to: 3, alignRight: true) == "  7")
        #expect(DisplayWidth.of(DisplayWidth.pad("Zoë Ng 李伟 long name", to: 9)) == 9)
    }
}

@Suite("Word wrap")
struct WrapTests {
    @Test("wraps at spaces by display width and breaks words longer than a line, losing nothing")
    func wrap() {
        #expect(TextWrap.lines("Demo database: sign in as admin@demo.example", width: 20) == ["Demo database: sign", "in as", "admin@demo.example"])
        #expect(TextWrap.lines("李伟李伟李伟 ok", width: 6) == ["李伟李", "伟李伟", "ok"])
        #expect(TextWrap.lines("李伟李伟 ok", width: 5) == ["李伟", "李伟", "ok"], "a wide character never straddles a line")
        #expect(TextWrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    }
}
