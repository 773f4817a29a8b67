import ArgumentParser
import Foundation
import RosterCore

/// The org a command acts on.
struct OrgTarget: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Organization name or id.", completion: .custom(Completions.orgs)) var org: String
    @Flag(help: "Print JSON: {\"message\", \"dryRun\", \"org\"} with the org as `orgs list --json` prints it (after a change, as changed).")
    var json = false

    /// Finds the org as the signed-in actor, runs `body` and prints what it says, or with
    /// --json the org as it is afterwards (`TargetChange`).
    /// With a `confirmation`, asks `question` first (or takes --yes), or rolls back a --dry-run.
    func perform(_ confirmation: Confirmation? = nil, asking question: @escaping (Org) -> String = { _ in "" },
                 _ body: (Roster, Actor, Org) throws -> String) throws {
        try TargetChange.run(database, dryRun: confirmation?.dryRun ?? false, json: json, key: "org",
                             find: { roster, actor in try roster.orgs.find(org, by: actor) },
                             confirm: { found in try confirmation?.confirm(question(found)) }, act: body,
                             after: { roster, actor, found in (try? roster.orgs.find(String(found.id.rawValue), by: actor)).map { OrgJSON($0) } })
    }
}
