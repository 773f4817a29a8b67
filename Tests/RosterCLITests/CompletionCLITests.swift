import Foundation
import Testing

/// Shell completion of emails and org names from the database, as bash asks for them.
@Suite("Shell completion")
struct CompletionCLITests {
    /// What `roster` answers when bash completes `roster <path> <typed>` (the generated
    /// script's own call: `---completion <path> -- positional@0 <word index> <cursor> <words>`).
    static func complete(_ cli: CLI, _ path: [String], _ typed: String) throws -> [String] {
        let words = ["roster"] + path + [typed]
        // The real binary: ArgumentParser reads SAP_SHELL from the process itself.
        let result = try cli.spawned.run(["---completion"] + path + ["--", "positional@0", String(words.count - 1), String(typed.count)] + words,
                                 environment: ["SAP_SHELL": "bash", "SAP_SHELL_VERSION": "5.2"])
        return result.out.split(separator: "\n").map(String.init)
    }

    @Test("users and orgs complete from the database, as far as the signed-in account sees them")
    func fromDatabase() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["users", "create", "--email", "adele@example.com", "--first", "Adele", "--last", "Ng"]).status == 0)
        #expect(try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li"]).status == 0)
        #expect(try cli.run(["orgs", "create", "Acme"]).status == 0)
        #expect(try Self.complete(cli, ["users", "lock"], "ad") == ["adele@example.com", "admin@example.com"])
        #expect(try Self.complete(cli, ["orgs", "lock"], "ac") == ["Acme"])
        _ = try cli.run(["logout"])
        #expect(try Self.complete(cli, ["users", "lock"], "ad").isEmpty, "nobody signed in: nothing to offer")
    }

    @Test("the scripts for bash, zsh and fish are generated and ask roster for emails")
    func scripts() throws {
        let cli = try CLI()
        for shell in ["bash", "zsh", "fish"] {
            let script = try cli.run(["--generate-completion-script", shell])
            #expect(script.status == 0 && script.out.contains("---completion users lock"), "\(shell)")
        }
    }
}
