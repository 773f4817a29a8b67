import ArgumentParser
import Foundation
import RosterCore

struct AddGroupMember: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "add-member", abstract: "Add a member of the org to a group.")
    @OptionGroup var target: GroupTarget
    @Argument(help: "User email or id.", completion: .custom(Completions.users)) var user: String

    func execute() throws {
        try target.perform { roster, actor, group in
            let member = try roster.users.find(user, by: actor)
            try roster.groups.addMember(member.id, to: group.id, by: actor)
            return "Added \(member.email) to \(group.name)."
        }
    }
}
