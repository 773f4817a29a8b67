import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

extension TermsCommand {
    struct Accept: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "accept", abstract: "Accept the terms of service (read them first with `roster terms show`).")
        @OptionGroup var database: DatabaseOptions

        func execute() throws {
            let context = try Context(database)
            _ = try context.roster.terms.accept(by: try context.actor())
            Output.line("Terms of service accepted.")
        }
    }
}
