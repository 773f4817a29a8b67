import ArgumentParser
import Foundation
import RosterCore

/// A group named within its org: `roster groups … ORG GROUP`.
struct GroupTarget: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Organization name or id.", completion: .custom(Completions.orgs)) var org: String
    @Argument(help: "Group name or id.") var group: String
    @Flag(help: "Print JSON: {\"message\", \"dryRun\", \"group\"} (after a change, as changed; null once deleted).") var json = false

    /// Finds the group as the signed-in actor and runs `body` (`TargetChange`); with a
    /// `confirmation`, asks `question` first (or takes --yes), or rolls back a --dry-run.
    func perform(_ confirmation: Confirmation? = nil, asking question: String = "",
                 _ body: (Roster, Actor, UserGroup) throws -> String) throws {
        try TargetChange.run(database, dryRun: confirmation?.dryRun ?? false, json: json, key: "group",
                             find: { roster, actor in
                                 let found = try roster.orgs.find(org, by: actor)
                                 return (found.id, try roster.groups.find(group, in: found.id, by: actor))
                             },
                             confirm: { _, found in try confirmation?.confirm(question.isEmpty ? "Delete the group \(found.name)?" : question) },
                             act: { roster, actor, found in try body(roster, actor, found.1) },
                             after: { roster, actor, found in
                                 (try? roster.groups.find(String(found.1.id.rawValue), in: found.0, by: actor)).map(GroupJSON.init)
                             })
    }
}
