import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

extension TermsCommand {
    struct Decline: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "decline", abstract: "Decline the terms of service; you are signed out.")
        @OptionGroup var database: DatabaseOptions

        func execute() throws {
            let context = try Context(database)
            _ = try context.roster.terms.decline(by: try context.actor())
            // Over SSH the session was the connection's own; there is no sessions file to clean.
            if !RemoteSession.isActive { try SessionFile().remove(for: context.databaseName) }
            Output.line("Terms declined; you are signed out. Ask an administrator if you have questions about them.")
        }
    }
}
