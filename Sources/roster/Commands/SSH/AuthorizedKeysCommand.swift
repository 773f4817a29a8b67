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
        let path = database.resolvedPath()
        let executable = Executable.path
        guard Executable.isPlain(path), Executable.isPlain(executable) else {
            Output.error("the database or roster path has characters sshd's forced command can't carry; use a plain path such as /var/lib/roster/roster.sqlite.")
            throw ExitCode.failure
        }
        let found: AuthorizedSSHKey?
        do {
            let roster = Roster(database: try AppDatabase.openReadOnly(path: path), environment: Context.environment())
            found = try roster.sshKeys.authorizedKey(type: type, base64: key)
        } catch {
            // sshd logs what the command writes to stderr; the client only hears "no".
            Output.error("authorized-keys: \(error)")
            throw ExitCode.failure
        }
        guard let found, let id = found.key.id else { return }
        print("restrict,pty,command=\"\(executable) --db \(path) ssh session --key \(id)\" \(found.key.type) \(found.key.publicKey)")
    }
}
