import ArgumentParser
import Foundation
import RosterCore

struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "The mail outbox: reset links and account info.", subcommands: [Deliver.self, List.self, Retry.self])
}
