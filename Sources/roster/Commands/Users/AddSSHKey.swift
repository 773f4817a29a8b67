import ArgumentParser
import Foundation
import RosterCore

extension SSHKeys {
    struct Add: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a public key (a .pub file, or - for standard input).")
        @OptionGroup var target: UserTarget
        @Argument(help: "The public key file, such as ~/.ssh/id_ed25519.pub, or - to read it from standard input.") var file: String

        func execute() throws {
            let line = try InputFile.text(file, limit: 20_000, what: "public key")
            let (user, key) = try target.read { roster, actor, user in (user, try roster.sshKeys.add(line, to: user.id, by: actor)) }
            if target.json { try Output.json(SSHKeyJSON(key)); return }
            Output.line("Registered \(key.typeLabel) key \(key.fingerprint) for \(user.email) (key \(key.id ?? 0)).")
        }
    }
}
