import ArgumentParser
import Foundation
import RosterCore

struct ListOrgs: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List organizations with headcounts and limits.")
    @OptionGroup var database: DatabaseOptions
    /// JSON: [{"id", "name", "locked", "mfaRequired", "standardUserLimit", "serviceUserLimit", "members", …}].
    @OptionGroup var output: OutputOptions

    func execute() throws {
        let context = try Context(database)
        let orgs = try context.roster.orgs.summaries(by: try context.actor())
        func limit(_ value: Int?) -> String { value.map(String.init) ?? "∞" }
        try output.print(columns: ["ID", "NAME", "STANDARD", "SERVICE", "READ-ONLY", "MFA", "LOCKED"], rows: orgs.map { org, count in
            [String(org.id.rawValue), org.name, "\(count.standard)/\(limit(org.standardUserLimit))",
             "\(count.service)/\(limit(org.serviceUserLimit))", String(count.readOnly),
             org.mfaRequired ? "required" : "optional", org.locked ? "yes" : "no"]
        }, json: orgs.map { OrgJSON($0.org, headcount: $0.headcount) },
           empty: "No organizations yet. Create one with `roster orgs create NAME`.")
    }
}
