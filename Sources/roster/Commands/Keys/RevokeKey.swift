import ArgumentParser
import Foundation
import RosterCore

extension KeysCommand {
    struct Revoke: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a key; it stops working at once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The key's id from `roster keys list`.") var id: Int64
        @OptionGroup var confirmation: Confirmation

        func execute() throws {
            let context = try Context(database, dryRun: confirmation.dryRun)
            let actor = try context.actor()
            try confirmation.confirm("Revoke API key \(id)? Scripts using it stop working at once.")
            let key = try context.roster.apiKeys.revoke(id, by: actor)
            Output.line(confirmation.report("Revoked key \(key.prefix) (\(key.name))."))
        }
    }
}
