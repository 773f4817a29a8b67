import ArgumentParser
import Foundation
import RosterCore

extension ResetsCommand {
    struct Cancel: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a pending link; it stops working at once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The link's id from `roster resets list`.") var id: Int64

        func execute() throws {
            let context = try Context(database)
            try context.roster.passwords.cancelReset(id, by: try context.actor())
            Output.line("Cancelled link \(id).")
        }
    }
}
