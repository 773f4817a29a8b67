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
        let status = Self.answer(database: Self.named(database.path), type: type, key: key)
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
        // sshd waits for this process to end, and it ends here: leaving an SQLite file open
        // spares tearing it down (its queue's teardown alone starts a thread). A PostgreSQL
        // connection is closed as it should be: cut, the server could log each key offered.
        let address = named(path)
        let exitsOpen: Bool = if case .file? = address { true } else { false }
        return answer(database: address, type: words[3], key: words[4]) { status in
            if exitsOpen { Foundation.exit(status) }
            return status
        }
    }

    /// The database as the forced command will name it: an absolute file path, or the
    /// PostgreSQL address as given (nil when it can't be read; `answer` says why).
    static func named(_ path: String?) -> StorageAddress? {
        do {
            return try DatabaseOptions.address(given: path)
        } catch {
            Output.error("authorized-keys: \(error)")
            return nil
        }
    }

    /// How the forced command carries the database: a plain file path as it is; a PostgreSQL
    /// address in single quotes, since sshd runs the command through the account's shell and
    /// `?`, `&` and blanks mean something there. Nil when no quoting could carry it safely.
    static func argument(for address: StorageAddress) -> String? {
        switch address {
        case .file(let path):
            return Executable.isPlain(path) ? path : nil
        case .postgres(let postgres):
            let safe = postgres.text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F && !"'\"\\".unicodeScalars.contains($0) }
            return safe ? "'\(postgres.text)'" : nil
        }
    }

    /// Prints the authorized_keys line for a registered key; returns the exit status, passed
    /// through `finish` while the database is still open when the lookup ran.
    static func answer(database address: StorageAddress?, type: String, key: String,
                       finish: (Int32) -> Int32 = { $0 }) -> Int32 {
        guard let address else { return 1 }
        let executable = Executable.path
        guard let carried = argument(for: address), Executable.isPlain(executable) else {
            Output.error("the database or roster path has characters sshd's forced command can't carry; use a plain path such as "
                + "/var/lib/roster/roster.sqlite, or a PostgreSQL address without quotes, backslashes or non-ASCII characters.")
            return 1
        }
        let roster: Roster
        let found: AuthorizedSSHKey?
        do {
            var environment = Context.environment()
            if case .postgres = address {
                environment.secrets = { try KeyFile.load(from: DatabaseOptions.keyFile(for: address)) }
            }
            roster = Roster(stores: try Storage.openReadOnly(address, secrets: environment.secrets), environment: environment)
            found = try roster.sshKeys.authorizedKey(type: type, base64: key)
        } catch {
            // sshd logs what the command writes to stderr; the client only hears "no".
            Output.error("authorized-keys: \(error)")
            return 1
        }
        return withExtendedLifetime(roster) {
            if let found, let id = found.key.id {
                print("restrict,pty,command=\"\(executable) --db \(carried) ssh session --key \(id)\" \(found.key.type) \(found.key.publicKey)")
            }
            return finish(0)
        }
    }
}
