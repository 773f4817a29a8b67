import ArgumentParser
import Foundation
import RosterCore

struct GroupMembers: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "members", abstract: "List a group's members.")
    @OptionGroup var target: GroupTarget

    func execute() throws {
        let context = try Context(target.database)
        let actor = try context.actor()
        let org = try context.roster.orgs.find(target.org, by: actor)
        let group = try context.roster.groups.find(target.group, in: org.id, by: actor)
        let emails = try context.roster.groups.memberEmails(of: group.id, by: actor).map(\.value)
        if target.json { try Output.json(emails); return }
        if emails.isEmpty { Output.line("\(group.name) has no members yet.") }
        for email in emails { Output.line(email) }
    }
}
