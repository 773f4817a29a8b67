import ArgumentParser
import Foundation
import RosterCore

extension IPRules {
    struct Remove: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove one of a user's IP rules.")
        @OptionGroup var target: UserTarget
        @Argument(help: "The rule's id, from `roster users ip-rules list`.") var rule: Int64
        @OptionGroup var confirmation: Confirmation

        func execute() throws {
            try target.perform(confirmation, asking: { "Remove IP rule \(rule) of \($0.email)?" }) { roster, actor, user in
                try roster.auth.removeIPRule(rule, of: user.id, by: actor)
                return "Removed rule \(rule) of \(user.email)."
            }
        }
    }
}
