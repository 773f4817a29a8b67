import ArgumentParser
import Foundation
import RosterCore

struct EndSessions: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "end-sessions", abstract: "End all of a user's open sessions.")
    @OptionGroup var target: UserTarget
    @OptionGroup var confirmation: Confirmation

    func execute() throws {
        try target.perform(confirmation, asking: { "End every open session of \($0.email)?" }) { roster, actor, user in
            "Ended \(try roster.auth.endAllSessions(of: user.id, by: actor)) session(s) of \(user.email)."
        }
    }
}
