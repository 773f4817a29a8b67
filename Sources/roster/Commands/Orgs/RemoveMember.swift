import ArgumentParser
import Foundation
import RosterCore

struct RemoveMember: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "remove-member", abstract: "Take a user out of an organization.")
    @OptionGroup var target: OrgTarget
    @Argument(help: "Email or id of the user.") var user: String

    func execute() throws {
        try target.perform { roster, actor, org in
            let user = try roster.users.find(self.user, by: actor)
            try roster.orgs.removeMember(user.id, from: org.id, by: actor)
            return "Removed \(user.email) from \(org.name)."
        }
    }
}
