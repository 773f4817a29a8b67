import ArgumentParser
import Foundation
import RosterCore

struct RemoveMember: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "remove-member", abstract: "Take a user out of an organization.")
    @OptionGroup var target: OrgTarget
    @Argument(help: "Email or id of the user.", completion: .custom(Completions.users)) var user: String
    @OptionGroup var confirmation: Confirmation

    func execute() throws {
        try target.perform(confirmation, asking: { "Take \(user) out of \($0.name) and its groups?" }) { roster, actor, org in
            let user = try roster.users.find(self.user, by: actor)
            try roster.orgs.removeMember(user.id, from: org.id, by: actor)
            return "Removed \(user.email) from \(org.name)."
        }
    }
}
