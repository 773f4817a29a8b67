import ArgumentParser
import Foundation
import RosterCore

struct CreateOrg: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an organization.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Name, unique regardless of case.") var name: String

    func execute() throws {
        let context = try Context(database)
        let org = try context.roster.orgs.create(name: name, by: try context.actor())
        Output.line("Created organization \(org.name) (id \(org.id)).")
    }
}
