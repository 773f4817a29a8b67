import ArgumentParser
import Foundation
import RosterCore

struct OrgsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgs",
        abstract: "Organizations, their limits and their members.",
        subcommands: [
            ListOrgs.self, CreateOrg.self, RenameOrg.self, LockOrg.self, UnlockOrg.self, SetOrgLimits.self, RequireOrgMFA.self,
            DeleteOrg.self, OrgMembers.self, AddMember.self, SetMemberRole.self, RemoveMember.self,
        ])
}

/// The org a command acts on.
struct OrgTarget: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Organization name or id.", completion: .custom(Completions.orgs)) var org: String
    @Flag(help: "Print JSON: {\"message\", \"org\"} with the org as `orgs list --json` prints it (after a change, as changed).")
    var json = false

    /// Finds the org as the signed-in actor, runs `body` and prints what it says, or with
    /// --json the org as it is afterwards.
    func perform(_ body: (Roster, Actor, Org) throws -> String) throws {
        let context = try Context(database)
        let actor = try context.actor()
        let org = try context.roster.orgs.find(self.org, by: actor)
        let message = try body(context.roster, actor, org)
        guard json else { Output.line(message); return }
        struct Change: Encodable { var message: String; var org: OrgJSON? }
        let after = try? context.roster.orgs.find(String(org.id.rawValue), by: actor)
        try Output.json(Change(message: message, org: after.map { OrgJSON($0) }))
    }
}

/// The stable JSON shape of an organization.
struct OrgJSON: Encodable {
    struct Headcount: Encodable { var standard: Int; var service: Int; var readOnly: Int }
    var id: Int64
    var name: String
    var locked: Bool
    var mfaRequired: Bool
    /// Null when unlimited.
    var standardUserLimit: Int?
    var serviceUserLimit: Int?
    var members: Headcount?
    var createdAt: Date
    var version: Int

    init(_ org: Org, headcount: OrgHeadcount? = nil) {
        id = org.id.rawValue
        name = org.name
        locked = org.locked
        mfaRequired = org.mfaRequired
        standardUserLimit = org.standardUserLimit
        serviceUserLimit = org.serviceUserLimit
        members = headcount.map { Headcount(standard: $0.standard, service: $0.service, readOnly: $0.readOnly) }
        createdAt = org.createdAt
        version = org.version
    }
}

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

struct ListOrgs: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List organizations with headcounts and limits.")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "JSON: [{\"id\", \"name\", \"locked\", \"mfaRequired\", \"standardUserLimit\", \"serviceUserLimit\", \"members\", …}].")
    var json = false

    func execute() throws {
        let context = try Context(database)
        let orgs = try context.roster.orgs.summaries(by: try context.actor())
        if json { try Output.json(orgs.map { OrgJSON($0.org, headcount: $0.headcount) }); return }
        guard !orgs.isEmpty else { Output.line("No organizations yet. Create one with `roster orgs create NAME`."); return }
        func limit(_ value: Int?) -> String { value.map(String.init) ?? "∞" }
        Output.table(["ID", "NAME", "STANDARD", "SERVICE", "READ-ONLY", "MFA", "LOCKED"], orgs.map { org, count in
            return [String(org.id.rawValue), org.name, "\(count.standard)/\(limit(org.standardUserLimit))",
                    "\(count.service)/\(limit(org.serviceUserLimit))", String(count.readOnly),
                    org.mfaRequired ? "required" : "optional", org.locked ? "yes" : "no"]
        })
    }
}

struct CreateOrg: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an organization.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Name, unique regardless of case.") var name: String

    func execute() throws {
        let context = try Context(database)
        let org = try context.roster.orgs.create(name: name, by: try context.actor())
        Output.line("Created organization \(org.name) (id \(org.id)).")
    }
}

struct RenameOrg: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename an organization.")
    @OptionGroup var target: OrgTarget
    @Argument(help: "New name.") var name: String

    func execute() throws {
        try target.perform { roster, actor, org in "Renamed to \(try roster.orgs.rename(org.id, to: name, by: actor).name)." }
    }
}

struct LockOrg: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "lock", abstract: "Freeze an organization: no member or group changes.")
    @OptionGroup var target: OrgTarget

    func execute() throws {
        try target.perform { roster, actor, org in _ = try roster.orgs.setLocked(org.id, true, by: actor); return "Locked \(org.name)." }
    }
}

struct UnlockOrg: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Unfreeze an organization.")
    @OptionGroup var target: OrgTarget

    func execute() throws {
        try target.perform { roster, actor, org in _ = try roster.orgs.setLocked(org.id, false, by: actor); return "Unlocked \(org.name)." }
    }
}

struct SetOrgLimits: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "limits",
        abstract: "Set the most standard and API service accounts an org may have. Read-only users never count.")
    @OptionGroup var target: OrgTarget
    @Option(help: "Most standard accounts; omit for no limit.") var standard: Int?
    @Option(help: "Most API service accounts; omit for no limit.") var service: Int?

    func execute() throws {
        try target.perform { roster, actor, org in
            let updated = try roster.orgs.setLimits(org.id, standard: standard, service: service, by: actor)
            return "\(updated.name): standard \(updated.standardUserLimit.map(String.init) ?? "unlimited"), service \(updated.serviceUserLimit.map(String.init) ?? "unlimited")."
        }
    }
}

struct RequireOrgMFA: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "require-mfa", abstract: "Require (or stop requiring) MFA for an org's members.")
    @OptionGroup var target: OrgTarget
    @Flag(help: "Stop requiring MFA.") var off = false

    func execute() throws {
        try target.perform { roster, actor, org in
            _ = try roster.orgs.setMFARequired(org.id, !off, by: actor)
            return off ? "\(org.name) no longer requires MFA." : "\(org.name) now requires MFA."
        }
    }
}

struct DeleteOrg: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an organization; its members keep their accounts.")
    @OptionGroup var target: OrgTarget
    @Option(help: "Type the org's name again to confirm without a prompt.") var confirm: String?

    func execute() throws {
        try target.perform { roster, actor, org in
            let typed = try confirm ?? Prompt.line("Type the organization name \(org.name) to confirm", orFlag: "--confirm NAME")
            guard typed.lowercased() == org.name.lowercased() else { throw CLIError("The name does not match; nothing was deleted.") }
            _ = try roster.orgs.delete(org.id, by: actor)
            return "Deleted organization \(org.name)."
        }
    }
}

struct AddMember: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "add-member", abstract: "Add a user to an organization.")
    @OptionGroup var target: OrgTarget
    @Argument(help: "Email or id of the user.") var user: String
    @Option(help: "The org role.") var role = OrgRole.member

    func execute() throws {
        try target.perform { roster, actor, org in
            let user = try roster.users.find(self.user, by: actor)
            _ = try roster.orgs.addMember(user.id, to: org.id, role: role, by: actor)
            return "Added \(user.email) to \(org.name) as \(role.title)."
        }
    }
}

struct SetMemberRole: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "set-member-role", abstract: "Change a member's org role.")
    @OptionGroup var target: OrgTarget
    @Argument(help: "Email or id of the user.") var user: String
    @Argument(help: "The new org role.") var role: OrgRole

    func execute() throws {
        try target.perform { roster, actor, org in
            let user = try roster.users.find(self.user, by: actor)
            _ = try roster.orgs.changeOrgRole(user.id, in: org.id, to: role, by: actor)
            return "\(user.email) is now \(role.title) of \(org.name)."
        }
    }
}

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
