import ArgumentParser
import Foundation
import RosterCore

struct ListGroups: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List an organization's groups with member counts.")
    @OptionGroup var target: OrgReference
    @OptionGroup var output: OutputOptions

    struct GroupRowJSON: Encodable { var id: Int64; var name: String; var members: Int; var createdAt: Date }

    func execute() throws {
        let (org, groups) = try target.read { roster, actor, org in (org, try roster.groups.groups(in: org.id, by: actor)) }
        try output.print(columns: ["ID", "NAME", "MEMBERS", "CREATED"], rows: groups.map {
            [String($0.group.id.rawValue), $0.group.name, String($0.members), Output.time($0.group.createdAt)]
        }, json: groups.map { GroupRowJSON(id: $0.group.id.rawValue, name: $0.group.name, members: $0.members, createdAt: $0.group.createdAt) },
           empty: "\(org.name) has no groups. Create one with `roster groups create \(org.name) NAME`.")
    }
}
