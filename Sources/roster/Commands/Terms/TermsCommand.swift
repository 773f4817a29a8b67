import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

struct TermsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms", abstract: "The terms of service: read, accept or decline them; administrators set them.",
        subcommands: [Show.self, Accept.self, Decline.self, Set.self])
}
