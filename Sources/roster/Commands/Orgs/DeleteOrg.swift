import ArgumentParser
import Foundation
import RosterCore

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
