import ArgumentParser
import Foundation
import RosterCore

struct Unlock: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Clear an admin lock or a lockout after failed sign-ins.")
    @OptionGroup var target: UserTarget

    func execute() throws {
        try target.perform { roster, actor, user in
            _ = try roster.users.unlock(user.id, by: actor)
            return "Unlocked \(user.email)."
        }
    }
}
