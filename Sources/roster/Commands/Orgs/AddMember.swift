import ArgumentParser
import Foundation
import RosterCore

struct AddMember: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "add-member", abstract: "Add a user to an organization.")
    @OptionGroup var target: OrgTarget
    @Argument(help: "Email or id of the user.") var user: String
    @Option(help: "The org role.") var role = OrgRole.member

    func execute() throws {
        try target.perform { roster, actor, org in
            let user = try roster.users.find(self.user, by: actor)
            _ = try roster.orgs.addMember(user.id, to: org.id, role: role, by: actor)
            return "Added \(user.email) to \(org.name) as \(role.title)."
        }
    }
}
