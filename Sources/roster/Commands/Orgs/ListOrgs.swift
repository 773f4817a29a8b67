import ArgumentParser
import Foundation
import RosterCore

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
