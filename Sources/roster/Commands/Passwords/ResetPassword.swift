import ArgumentParser
import Foundation
import RosterCore

struct ResetPassword: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-password",
        abstract: "Mail the user a single-use link to choose a new password, or set a temporary one.")
    @OptionGroup var target: UserTarget
    @Flag(help: "Set a generated temporary password (shown once) instead of mailing a link.") var temporary = false
    @OptionGroup var confirmation: Confirmation

    func execute() throws {
        let question: (UserProfile) -> String = { user in
            temporary ? "Set a temporary password for \(user.email)? Their sessions end." : "Mail \(user.email) a reset link? Earlier links stop working."
        }
        try target.perform(confirmation, asking: question) { roster, actor, user in
            if temporary, confirmation.dryRun {
                _ = try roster.passwords.setTemporaryPassword(user.id, by: actor)
                return "Set a temporary password for \(user.email) (not shown: nothing was kept); their sessions would end."
            }
            if temporary {
                let password = try roster.passwords.setTemporaryPassword(user.id, by: actor)
                Output.line("Temporary password for \(user.email): \(password)")
                return "Shown once; it must be changed at next sign-in. Their sessions were ended."
            }
            let reset = try roster.passwords.sendResetLink(user.id, by: actor)
            return "Reset link queued for \(user.email), valid until \(Output.time(reset.expiresAt)). Deliver with `roster mail deliver`."
        }
    }
}
