import ArgumentParser
import Foundation
import RosterCore

/// The org a command acts on.
struct OrgTarget: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Organization name or id.", completion: .custom(Completions.orgs)) var org: String
    @Flag(help: "Print JSON: {\"message\", \"org\"} with the org as `orgs list --json` prints it (after a change, as changed).")
    var json = false

    /// Finds the org as the signed-in actor, runs `body` and prints what it says, or with
    /// --json the org as it is afterwards.
    /// With a `confirmation`, asks `question` first (or takes --yes), or rolls back a --dry-run.
    func perform(_ confirmation: Confirmation? = nil, asking question: @escaping (Org) -> String = { _ in "" },
                 _ body: (Roster, Actor, Org) throws -> String) throws {
        let context = try Context(database, dryRun: confirmation?.dryRun ?? false)
        let actor = try context.actor()
        let org = try context.roster.orgs.find(self.org, by: actor)
        try confirmation?.confirm(question(org))
        let message = try body(context.roster, actor, org)
        guard json else { Output.line(confirmation?.report(message) ?? message); return }
        struct Change: Encodable { var message: String; var org: OrgJSON? }
        let after = try? context.roster.orgs.find(String(org.id.rawValue), by: actor)
        try Output.json(Change(message: message, org: after.map { OrgJSON($0) }))
    }
}
