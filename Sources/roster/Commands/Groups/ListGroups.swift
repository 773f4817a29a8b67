import ArgumentParser
import Foundation
import RosterCore

struct ListGroups: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List an organization's groups with member counts.")
    @OptionGroup var target: OrgTarget

    func execute() throws {
        let context = try Context(target.database)
        let actor = try context.actor()
        let org = try context.roster.orgs.find(target.org, by: actor)
        let groups = try context.roster.groups.groups(in: org.id, by: actor)
        if target.json {
            struct Row: Encodable { var id: Int64; var name: String; var members: Int; var createdAt: Date }
            try Output.json(groups.map { Row(id: $0.group.id.rawValue, name: $0.group.name, members: $0.members, createdAt: $0.group.createdAt) })
            return
        }
        guard !groups.isEmpty else { Output.line("\(org.name) has no groups. Create one with `roster groups create \(org.name) NAME`."); return }
        Output.table(["ID", "NAME", "MEMBERS", "CREATED"], groups.map {
            [String($0.group.id.rawValue), $0.group.name, String($0.members), Output.time($0.group.createdAt)]
        })
    }
}
