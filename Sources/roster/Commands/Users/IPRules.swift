import ArgumentParser
import Foundation
import RosterCore

/// `roster users ip-rules add|list|remove`: addresses a user may sign in from.
struct IPRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ip-rules",
        abstract: "Addresses a user may sign in from (CIDR, checked against the SSH client address).",
        discussion: "With no rules a user may sign in from anywhere; with rules, only from an address one of them matches, and not at all without one (local use, no SSH).",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "Allow sign-in from a range, such as 203.0.113.0/24 or 2001:db8::/32.")
        @OptionGroup var target: UserTarget
        @Argument(help: "An address with a prefix length.") var cidr: String

        func execute() throws {
            try target.perform { roster, actor, user in
                let rule = try roster.auth.addIPRule(cidr, for: user.id, by: actor)
                return "\(user.email) may sign in from \(rule.cidr) (rule \(rule.id))."
            }
        }
    }

    struct List: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "List a user's IP rules.")
        @OptionGroup var target: UserTarget

        func execute() throws {
            let (user, rules) = try target.read { roster, actor, user in (user, try roster.auth.ipRules(of: user.id, by: actor)) }
            if target.json {
                try Output.json(rules.map { ["id": String($0.id), "cidr": $0.cidr, "createdAt": Output.time($0.createdAt)] })
                return
            }
            guard !rules.isEmpty else { Output.line("\(user.email) has no IP rules: sign-in is allowed from anywhere."); return }
            Output.table(["ID", "CIDR", "ADDED"], rules.map { [String($0.id), $0.cidr, Output.time($0.createdAt)] })
        }
    }

    struct Remove: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "Remove one of a user's IP rules.")
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
