import ArgumentParser
import Foundation
import RosterCore

extension IPRules {
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
}
