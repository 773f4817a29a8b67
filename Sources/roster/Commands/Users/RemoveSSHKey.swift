import ArgumentParser
import Foundation
import RosterCore

extension SSHKeys {
    struct Remove: RosterCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove an SSH key; consoles and commands that came in with it end at once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The key's id, from `roster users ssh-keys list`.") var key: Int64
        @OptionGroup var confirmation: Confirmation

        func execute() throws {
            let context = try Context(database, dryRun: confirmation.dryRun)
            let actor = try context.actor()
            try confirmation.confirm("Remove SSH key \(key)? Consoles and commands that came in with it end at once.")
            let removed = try context.roster.sshKeys.remove(key, by: actor)
            Output.line(confirmation.report("Removed \(removed.typeLabel) key \(removed.fingerprint) (key \(key))."))
        }
    }
}
