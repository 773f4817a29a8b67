import ArgumentParser
import Foundation
import RosterCore

/// `roster users ip-rules add|list|remove`: addresses a user may sign in from.
struct IPRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ip-rules",
        abstract: "Addresses a user may sign in from (CIDR, checked against the SSH client address).",
        discussion: "With no rules a user may sign in from anywhere; with rules, only from an address one of them matches, and not at all without one (local use, no SSH).",
        subcommands: [Add.self, List.self, Remove.self])
}
