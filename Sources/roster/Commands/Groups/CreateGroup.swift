import ArgumentParser
import Foundation
import RosterCore

struct CreateGroup: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a group in an organization.")
    @OptionGroup var target: OrgTarget
    @Argument(help: "Group name, unique within the org.") var name: String

    func execute() throws {
        try target.perform { roster, actor, org in
            let group = try roster.groups.create(name: name, in: org.id, by: actor)
            return "Created group \(group.name) in \(org.name) (id \(group.id.rawValue))."
        }
    }
}
