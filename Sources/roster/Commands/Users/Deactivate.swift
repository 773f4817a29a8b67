import ArgumentParser
import Foundation
import RosterCore

struct Deactivate: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "deactivate",
        abstract: "Deactivate a user: they can't sign in, their sessions end and their IP rules go.")
    @OptionGroup var target: UserTarget
    @OptionGroup var confirmation: Confirmation

    func execute() throws {
        try target.perform(confirmation, asking: { "Deactivate \($0.email)? Their sessions end and API keys are revoked." }) { roster, actor, user in
            let result = try roster.users.deactivate(user.id, by: actor)
            return "Deactivated \(user.email): \(result.sessionsEnded) session(s) ended, \(result.apiKeysRevoked) API key(s) revoked, \(result.ipRulesRemoved) IP rule(s) removed."
        }
    }
}
