import ArgumentParser
import Foundation
import RosterCore

extension IPRules {
    struct Add: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Allow sign-in from a range, such as 203.0.113.0/24 or 2001:db8::/32.")
        @OptionGroup var target: UserTarget
        @Argument(help: "An address with a prefix length.") var cidr: String

        func execute() throws {
            try target.perform { roster, actor, user in
                let rule = try roster.auth.addIPRule(cidr, for: user.id, by: actor)
                return "\(user.email) may sign in from \(rule.cidr) (rule \(rule.id))."
            }
        }
    }
}
