import ArgumentParser
import Foundation
import RosterCore

struct DeleteUser: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a user for good. Their audit rows stay. Consider `deactivate` instead.")
    @OptionGroup var target: UserTarget
    @Option(help: "Type the user's email again to confirm without a prompt (for scripts).") var confirm: String?
    @Flag(help: "Check and report what deleting would do, then roll it back: nothing is kept.") var dryRun = false

    func execute() throws {
        // Irreversible: typing the email is the confirmation (--yes is not enough), except in a dry run.
        try target.perform(dryRun: dryRun, confirm: { _ in }) { roster, actor, user in
            let typed = dryRun ? user.email.value : try confirm ?? Prompt.line("Deleting is irreversible. Type the email \(user.email) to confirm", orFlag: "--confirm EMAIL")
            guard typed.trimmingCharacters(in: .whitespaces).lowercased() == user.email.value else {
                throw CLIError("The email you typed does not match \(user.email); nothing was deleted.")
            }
            _ = try roster.users.delete(user.id, by: actor)
            return "Deleted \(user.email)."
        }
    }
}
