import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

extension TermsCommand {
    struct Show: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the terms of service.")
        @OptionGroup var database: DatabaseOptions

        func execute() throws {
            let context = try Context(database)
            guard let text = try context.roster.terms.text(by: try context.actor()) else {
                Output.line("No terms of service are set.")
                return
            }
            // Set by an administrator, but still data: every line goes through the sanitizer.
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) { Output.line(String(line)) }
        }
    }
}
