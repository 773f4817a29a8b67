import ArgumentParser
import Foundation
import RosterCore

struct OrgMembers: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "members", abstract: "List an organization's members with their org roles.")
    @OptionGroup var target: OrgReference
    @OptionGroup var output: OutputOptions

    struct MemberJSON: Encodable { var id: Int64; var email: String; var name: String; var role: String }

    func execute() throws {
        let (org, members) = try target.read { roster, actor, org in (org, try roster.orgs.members(of: org.id, by: actor)) }
        try output.print(columns: ["ID", "NAME", "EMAIL", "ORG ROLE"],
                         rows: members.map { [String($0.userId.rawValue), $0.name, $0.email.value, $0.role.name] },
                         json: members.map { MemberJSON(id: $0.userId.rawValue, email: $0.email.value, name: $0.name, role: $0.role.name) },
                         empty: "\(org.name) has no members yet. Add one with `roster orgs add-member \(org.name) EMAIL`.")
    }
}
