import ArgumentParser
import Foundation
import RosterCore

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
