import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

struct MFACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mfa", abstract: "Set up two-factor sign-in for your own account.",
        subcommands: [Enroll.self, Confirm.self, RecoveryCodes.self])
}
