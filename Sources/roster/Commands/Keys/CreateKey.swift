import ArgumentParser
import Foundation
import RosterCore

extension KeysCommand {
    struct Create: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an API key; the key is shown once.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Whose key (email or id); default yourself.") var user: String?
        @Option(help: "A name to recognize it by.") var name: String
        @Option(help: "What the key may do.") var scope = APIKey.Scope.read
        @Option(help: "Days until it expires; 0 = never. Default: the api-key.expiry-days setting.") var expiresInDays: Int?

        func execute() throws {
            let context = try Context(database)
            let actor = try context.actor()
            let owner = try user.map { try context.roster.users.find($0, by: actor).id } ?? actor.userId
            guard let owner else { throw CLIError("Name the key's owner with --user.") }
            let created = try context.roster.apiKeys.create(for: owner, name: name, scope: scope, expiresInDays: expiresInDays, by: actor)
            Output.line(created.secret)
            CommandEnvironment.current.write(("Key \(created.key.prefix) (\(scope.rawValue)) created"
                + (created.key.expiresAt.map { ", expires \(Output.time($0))" } ?? ", never expires")
                + ". It is shown once: store it now.\n"), to: .error)
        }
    }
}
