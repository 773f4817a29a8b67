import ArgumentParser
import Foundation
import RosterCore

struct Lock: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "lock", abstract: "Lock a user until an admin unlocks them; their sessions end.")
    @OptionGroup var target: UserTarget
    @OptionGroup var confirmation: Confirmation

    func execute() throws {
        try target.perform(confirmation, asking: { "Lock \($0.email)? Their sessions end." }) { roster, actor, user in
            _ = try roster.users.lock(user.id, by: actor)
            return "Locked \(user.email)."
        }
    }
}
