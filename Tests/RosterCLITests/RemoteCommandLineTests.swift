import ArgumentParser
import Testing
@testable import roster

/// The SSH command line split into words without a shell (RemoteCommandLine), in process.
@Suite("SSH command line")
struct RemoteCommandLineTests {
    @Test("a client's LANG or LC_* is kept only as a locale's name, never a path or anything longer")
    func localeNames() {
        for value in ["C.UTF-8", "de_DE.UTF-8", "en_US@euro", "sr_RS.UTF-8@latin", String(repeating: "a", count: 40)] {
            #expect(SSHSessionCommand.isLocaleName(value), "\(value)")
        }
        for value in ["", "/tmp/evil", "../x", "de DE", String(repeating: "a", count: 41), "é", "C.UTF-8\n"] {
            #expect(!SSHSessionCommand.isLocaleName(value), "\(value)")
        }
    }

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

    /// Every command path of the tree: `users`, `users list`, …
    static func paths(_ command: any ParsableCommand.Type, prefix: [String] = []) -> [[String]] {
        command.configuration.subcommands.flatMap { sub -> [[String]] in
            let path = prefix + [sub._commandName]
            return [path] + paths(sub, prefix: path)
        }
    }

    @Test("every command of the tree runs over SSH unless the one refusal table says why not, and the table names only real commands")
    func commandTree() throws {
        let all = Self.paths(RosterCLI.self)
        let known = Set(all.map { $0.joined(separator: " ") })
        for refusal in RemoteCommandLine.refusals {
            #expect(known.contains(refusal.command), "the refusal table names `\(refusal.command)`, which is no command")
        }
        var refused: [String] = []
        for path in all {
            do {
                try RemoteCommandLine.check(path)
            } catch let refusal as RemoteCommandLine.Refusal {
                #expect(refusal.description.contains("can't run over SSH: "), "\(path): \(refusal.description)")
                refused.append(path.joined(separator: " "))
            }
        }
        // Account commands the old hand-written list forgot.
        for path in [["groups", "list"], ["console-keys"], ["users", "list"], ["audit", "list"], ["help"], ["--version"]] {
            #expect(throws: Never.self, "\(path)") { try RemoteCommandLine.check(path) }
        }
        #expect(Set(refused) == Set(all.map { $0.joined(separator: " ") }.filter { path in
            RemoteCommandLine.refusals.contains { path == $0.command || path.hasPrefix($0.command + " ") }
        }))
        #expect(throws: RemoteCommandLine.Refusal.self) { try RemoteCommandLine.check(["frobnicate"]) }
        #expect(throws: RemoteCommandLine.Refusal.self) { try RemoteCommandLine.check(["users", "list", "--db", "/tmp/x"]) }
        print("over SSH: \(all.count - refused.count) command paths run, \(refused.count) refused: \(refused.joined(separator: ", "))")
    }
}
