import ArgumentParser
import Foundation
import RosterCore

extension MailCommand {
    struct Retry: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "retry", abstract: "Queue a failed message again (administrators).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Message id from `roster mail list`.") var id: Int64

        func execute() throws {
            let context = try Context(database)
            try context.roster.mail.retry(id, by: try context.actor())
            Output.line("Message \(id) queued again.")
        }
    }
}
