import ArgumentParser
import Foundation
import RosterCore

struct RemoveGroupMember: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "remove-member", abstract: "Take a user out of a group.")
    @OptionGroup var target: GroupTarget
    @Argument(help: "User email or id.", completion: .custom(Completions.users)) var user: String

    func execute() throws {
        try target.perform { roster, actor, group in
            let member = try roster.users.find(user, by: actor)
            try roster.groups.removeMember(member.id, from: group.id, by: actor)
            return "Removed \(member.email) from \(group.name)."
        }
    }
}
