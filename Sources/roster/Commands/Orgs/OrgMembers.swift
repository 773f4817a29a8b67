import ArgumentParser
import Foundation
import RosterCore

struct OrgMembers: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "members", abstract: "List an organization's members with their org roles.")
    @OptionGroup var target: OrgTarget

    func execute() throws {
        let context = try Context(target.database)
        let actor = try context.actor()
        let org = try context.roster.orgs.find(target.org, by: actor)
        let members = try context.roster.orgs.members(of: org.id, by: actor)
        if target.json {
            struct Member: Encodable { var id: Int64; var email: String; var name: String; var role: String }
            try Output.json(members.map { Member(id: $0.userId.rawValue, email: $0.email.value, name: $0.name, role: $0.role.name) })
            return
        }
        guard !members.isEmpty else { Output.line("\(org.name) has no members yet. Add one with `roster orgs add-member \(org.name) EMAIL`."); return }
        Output.table(["ID", "NAME", "EMAIL", "ORG ROLE"], members.map { [String($0.userId.rawValue), $0.name, $0.email.value, $0.role.name] })
    }
}
