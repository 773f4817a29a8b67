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
