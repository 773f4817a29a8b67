import ArgumentParser
import Foundation
import RosterCore

struct WhoAmICommand: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Show the signed-in account.")

    @OptionGroup var database: DatabaseOptions

    func execute() throws {
        let context = try Context(database)
        let actor = try context.actor()
        Output.line("\(actor.label) (\(actor.systemRole.title)\(actor.readOnlyCredential ? ", read-only key" : "")) on \(context.databaseName)")
    }
}
