import ArgumentParser
import Foundation
import RosterCore

struct GroupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groups",
        abstract: "Groups of an organization's members (account admins and the org's admins).",
        subcommands: [ListGroups.self, CreateGroup.self, RenameGroup.self, DeleteGroup.self, GroupMembers.self,
                      AddGroupMember.self, RemoveGroupMember.self])
}

/// A group named within its org: `roster groups … ORG GROUP`.
struct GroupTarget: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Organization name or id.", completion: .custom(Completions.orgs)) var org: String
    @Argument(help: "Group name or id.") var group: String
    @Flag(help: "Print JSON: {\"message\", \"dryRun\", \"group\"} (after a change, as changed; null once deleted).") var json = false

    /// Finds the group as the signed-in actor and runs `body`; with a `confirmation`, asks
    /// `question` first (or takes --yes), or rolls back a --dry-run.
    func perform(_ confirmation: Confirmation? = nil, asking question: String = "",
                 _ body: (Roster, Actor, UserGroup) throws -> String) throws {
        let context = try Context(database, dryRun: confirmation?.dryRun ?? false)
        let actor = try context.actor()
        let org = try context.roster.orgs.find(self.org, by: actor)
        let group = try context.roster.groups.find(self.group, in: org.id, by: actor)
        try confirmation?.confirm(question.isEmpty ? "Delete the group \(group.name)?" : question)
        let message = try body(context.roster, actor, group)
        guard json else { Output.line(confirmation?.report(message) ?? message); return }
        struct Change: Encodable { var message: String; var dryRun: Bool; var group: GroupJSON? }
        let after = try? context.roster.groups.find(String(group.id.rawValue), in: org.id, by: actor)
        try Output.json(Change(message: message, dryRun: confirmation?.dryRun ?? false, group: after.map(GroupJSON.init)))
    }
}

/// The stable JSON shape of a group.
struct GroupJSON: Encodable {
    var id: Int64
    var name: String
    var createdAt: Date

    init(_ group: UserGroup) {
        id = group.id.rawValue
        name = group.name
        createdAt = group.createdAt
    }
}

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

struct RenameGroup: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a group.")
    @OptionGroup var target: GroupTarget
    @Argument(help: "New name.") var name: String

    func execute() throws {
        try target.perform { roster, actor, group in "Renamed \(group.name) to \(try roster.groups.rename(group.id, to: name, by: actor).name)." }
    }
}

struct DeleteGroup: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a group; its members stay in the org.")
    @OptionGroup var target: GroupTarget
    @OptionGroup var confirmation: Confirmation

    func execute() throws {
        try target.perform(confirmation) { roster, actor, group in
            try roster.groups.delete(group.id, by: actor)
            return "Deleted group \(group.name)."
        }
    }
}

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
