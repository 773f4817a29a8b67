import ArgumentParser
import Foundation
import RosterCore

struct ClearAvatar: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "clear-avatar", abstract: "Remove a user's avatar.")

    @OptionGroup var target: UserTarget
    @Option(help: "Refuse the change if the user's version is no longer this (from `users show --json`).") var expectVersion: Int?

    func execute() throws {
        try target.perform { roster, actor, user in
            try roster.users.clearAvatar(of: user.id, expectedVersion: expectVersion, by: actor)
            return "Removed the avatar of \(user.email)."
        }
    }
}
