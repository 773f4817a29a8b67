import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

extension TermsCommand {
    struct Set: RosterCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set the terms of service from a file (or - for standard input); administrators only.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "A UTF-8 text file, or - to read standard input.") var file: String

        func execute() throws {
            let text = try InputFile.text(file, limit: 200_000, what: "terms")
            let context = try Context(database)
            let settings = try context.roster.settings.set(.termsText, to: text, by: try context.actor())
            Output.line("Terms of service set (\(settings.termsText.count) characters). New users accept them at first sign-in.")
        }
    }
}
