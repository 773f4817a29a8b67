import ArgumentParser
import Foundation
import RosterCore

struct SetMemberRole: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "set-member-role", abstract: "Change a member's org role.")
    @OptionGroup var target: OrgTarget
    @Argument(help: "Email or id of the user.") var user: String
    @Argument(help: "The new org role.") var role: OrgRole

    func execute() throws {
        try target.perform { roster, actor, org in
            let user = try roster.users.find(self.user, by: actor)
            _ = try roster.orgs.changeOrgRole(user.id, in: org.id, to: role, by: actor)
            return "\(user.email) is now \(role.title) of \(org.name)."
        }
    }
}
