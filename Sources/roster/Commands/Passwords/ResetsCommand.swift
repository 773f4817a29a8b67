import ArgumentParser
import Foundation
import RosterCore

struct ResetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resets", abstract: "Pending password reset and account-info links.", subcommands: [List.self, Cancel.self])
}
