import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

struct ResetMFA: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-mfa",
        abstract: "Turn a user's MFA off and delete their recovery codes (lost device); they re-enroll if policy requires.")
    @OptionGroup var target: UserTarget
    @OptionGroup var confirmation: Confirmation

    func execute() throws {
        try target.perform(confirmation, asking: { "Turn off MFA for \($0.email) and delete their recovery codes?" }) { roster, actor, user in
            let reset = try roster.mfa.reset(user.id, by: actor)
            return "MFA reset for \(user.email)." + (reset.mfaEnrollmentRequired ? " They must enroll again at next sign-in." : "")
        }
    }
}
