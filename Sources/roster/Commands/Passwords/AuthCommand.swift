import ArgumentParser
import Foundation
import RosterCore

struct AuthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "auth", abstract: "Use a reset or account-info link.", subcommands: [Redeem.self])
}
