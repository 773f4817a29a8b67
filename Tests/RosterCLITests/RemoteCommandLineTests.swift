import Testing
@testable import roster

/// The SSH command line split into words without a shell (RemoteCommandLine), in process.
@Suite("SSH command line")
struct RemoteCommandLineTests {
    @Test("quotes and escapes give the words a person meant")
    func quoting() throws {
        #expect(try RemoteCommandLine.words(#"orgs create 'it'\''s' "a \"b\"" c\ d"#) == ["orgs", "create", "it's", #"a "b""#, "c d"])
    }

    @Test("a combining mark after a quote or a separator changes nothing: the line is split by scalar (found by fuzzing)")
    func combiningMarks() throws {
        #expect(try RemoteCommandLine.words("users list 'a'\u{0301}") == ["users", "list", "a\u{0301}"])
        #expect(throws: RemoteCommandLine.Refusal.self) { try RemoteCommandLine.words("users list;\u{0301} id") }
        #expect(throws: RemoteCommandLine.Refusal.self) { try RemoteCommandLine.words("users list \"unclosed\u{0301}") }
    }
}
