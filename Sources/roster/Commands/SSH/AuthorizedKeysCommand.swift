import ArgumentParser
import Foundation
import RosterCore

/// `roster ssh authorized-keys USER TYPE KEY`, sshd's `AuthorizedKeysCommand … %u %t %k`.
///
/// Prints one authorized_keys line forcing `roster ssh session --key ID` when the key belongs
/// to an active, unlocked account, and nothing otherwise: an unknown key is an ordinary "no"
/// for sshd, not an error. Opens the database read-only, never migrates, never prompts.
struct AuthorizedKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authorized-keys",
        abstract: "For sshd's AuthorizedKeysCommand (%u %t %k): the forced-command line for a registered key, or nothing.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The login name sshd was asked for (%u); logged only.") var user: String
    @Argument(help: "The key type (%t), such as ssh-ed25519.") var type: String
    @Argument(help: "The key in base64 (%k).") var key: String

    func run() throws {
        let status = Self.answer(database: database.resolvedPath(), type: type, key: key)
        if status != 0 { throw ExitCode(status) }
    }

    /// sshd runs this for every key a client offers, so `RosterCLI.main` sends the exact
    /// `ssh authorized-keys USER TYPE KEY [--db PATH]` here before building the command tree
    /// (which costs more than the lookup). Anything else (`--help`, a typo) takes the parser.
    static func fastPath(_ arguments: [String]) -> Int32? {
        var words = arguments
        var path: String?
        if words.count == 7, words[5] == "--db" {
            path = words[6]
            words.removeLast(2)
        }
        guard words.count == 5, words[0] == "ssh", words[1] == "authorized-keys",
              !words[2...].contains(where: { $0.hasPrefix("-") }) else { return nil }
        return answer(database: DatabaseOptions(path: path).resolvedPath(), type: words[3], key: words[4])
    }

    /// Prints the authorized_keys line for a registered key; returns the exit status.
    static func answer(database path: String, type: String, key: String) -> Int32 {
        let executable = Executable.path
        guard Executable.isPlain(path), Executable.isPlain(executable) else {
            Output.error("the database or roster path has characters sshd's forced command can't carry; use a plain path such as /var/lib/roster/roster.sqlite.")
            return 1
        }
        let found: AuthorizedSSHKey?
        do {
            let environment = Context.environment()
            let roster = Roster(stores: try Storage.openReadOnly(.file(path), secrets: environment.secrets), environment: environment)
            found = try roster.sshKeys.authorizedKey(type: type, base64: key)
        } catch {
            // sshd logs what the command writes to stderr; the client only hears "no".
            Output.error("authorized-keys: \(error)")
            return 1
        }
        guard let found, let id = found.key.id else { return 0 }
        print("restrict,pty,command=\"\(executable) --db \(path) ssh session --key \(id)\" \(found.key.type) \(found.key.publicKey)")
        return 0
    }
}
