import ArgumentParser
import Foundation
import RosterCore

struct RequirePasswordChange: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "require-password-change", abstract: "Make the user choose a new password at next sign-in.")
    @OptionGroup var target: UserTarget
    @Flag(help: "Clear the requirement instead.") var clear = false

    func execute() throws {
        try target.perform { roster, actor, user in
            _ = try roster.users.requirePasswordChange(user.id, !clear, by: actor)
            return clear ? "\(user.email) no longer has to change their password." : "\(user.email) must change their password at next sign-in."
        }
    }
}
