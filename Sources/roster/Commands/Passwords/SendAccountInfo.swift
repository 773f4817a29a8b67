import ArgumentParser
import Foundation
import RosterCore

struct SendAccountInfo: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-account-info", abstract: "Mail the user their login and a link to set a password (valid 24 hours).")
    @OptionGroup var target: UserTarget

    func execute() throws {
        try target.perform { roster, actor, user in
            let reset = try roster.passwords.sendAccountInfo(user.id, by: actor)
            return "Account info queued for \(user.email), link valid until \(Output.time(reset.expiresAt))."
        }
    }
}
