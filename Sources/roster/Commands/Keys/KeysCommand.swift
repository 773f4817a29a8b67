import ArgumentParser
import Foundation
import RosterCore

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "API keys: scripts act as their user with ROSTER_API_KEY.",
        subcommands: [Create.self, List.self, Renew.self, Revoke.self])
}
