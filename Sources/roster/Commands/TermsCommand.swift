import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

struct TermsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms", abstract: "The terms of service: read, accept or decline them; administrators set them.",
        subcommands: [Show.self, Accept.self, Decline.self, Set.self])

    struct Show: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "Print the terms of service.")
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

    struct Accept: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "Accept the terms of service (read them first with `roster terms show`).")
        @OptionGroup var database: DatabaseOptions

        func execute() throws {
            let context = try Context(database)
            _ = try context.roster.terms.accept(by: try context.actor())
            Output.line("Terms of service accepted.")
        }
    }

    struct Decline: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "Decline the terms of service; you are signed out.")
        @OptionGroup var database: DatabaseOptions

        func execute() throws {
            let context = try Context(database)
            _ = try context.roster.terms.decline(by: try context.actor())
            // Over SSH the session was the connection's own; there is no sessions file to clean.
            if !RemoteSession.isActive { try SessionFile().remove(for: context.databaseName) }
            Output.line("Terms declined; you are signed out. Ask an administrator if you have questions about them.")
        }
    }

    struct Set: RosterCommand {
        static let configuration = CommandConfiguration(
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
