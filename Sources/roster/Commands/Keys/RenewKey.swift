import ArgumentParser
import Foundation
import RosterCore

extension KeysCommand {
    struct Renew: RosterCommand {
        static let configuration = CommandConfiguration(
            commandName: "renew",
            abstract: "Replace a key with a new one of the same name and scope; the old one stops at once. The new key is shown once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The key's id from `roster keys list`.") var id: Int64
        @Option(help: "Days until the new key expires; 0 = never. Default: as long as the old key was given.") var expiresInDays: Int?

        func execute() throws {
            let context = try Context(database)
            let created = try context.roster.apiKeys.renew(id, expiresInDays: expiresInDays, by: try context.actor())
            Output.line(created.secret)
            CommandEnvironment.current.write(("Key \(created.key.prefix) replaces key \(id)"
                + (created.key.expiresAt.map { ", expires \(Output.time($0))" } ?? ", never expires")
                + ". It is shown once: store it now; the old key no longer works.\n"), to: .error)
        }
    }
}
