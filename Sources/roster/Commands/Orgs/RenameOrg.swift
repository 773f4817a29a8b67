import ArgumentParser
import Foundation
import RosterCore

struct RenameOrg: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename an organization.")
    @OptionGroup var target: OrgTarget
    @Argument(help: "New name.") var name: String

    func execute() throws {
        try target.perform { roster, actor, org in "Renamed to \(try roster.orgs.rename(org.id, to: name, by: actor).name)." }
    }
}
