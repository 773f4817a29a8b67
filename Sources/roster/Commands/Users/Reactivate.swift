import ArgumentParser
import Foundation
import RosterCore

struct Reactivate: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "reactivate", abstract: "Let a deactivated user sign in again.")
    @OptionGroup var target: UserTarget

    func execute() throws {
        try target.perform { roster, actor, user in
            _ = try roster.users.reactivate(user.id, by: actor)
            return "Reactivated \(user.email)."
        }
    }
}
