import ArgumentParser
import Foundation
import RosterCore

extension IPRules {
    struct List: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a user's IP rules.")
        @OptionGroup var target: UserReference
        @OptionGroup var output: OutputOptions

        struct RuleJSON: Encodable { var id: Int64; var cidr: String; var createdAt: Date }

        func execute() throws {
            let (user, rules) = try target.read { roster, actor, user in (user, try roster.auth.ipRules(of: user.id, by: actor)) }
            try output.print(columns: ["ID", "CIDR", "ADDED"], rows: rules.map { [String($0.id), $0.cidr, Output.time($0.createdAt)] },
                             json: rules.map { RuleJSON(id: $0.id, cidr: $0.cidr, createdAt: $0.createdAt) },
                             empty: "\(user.email) has no IP rules: sign-in is allowed from anywhere.")
        }
    }
}
