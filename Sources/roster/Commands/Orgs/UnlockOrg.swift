import ArgumentParser
import Foundation
import RosterCore

struct UnlockOrg: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Unfreeze an organization.")
    @OptionGroup var target: OrgTarget

    func execute() throws {
        try target.perform { roster, actor, org in _ = try roster.orgs.setLocked(org.id, false, by: actor); return "Unlocked \(org.name)." }
    }
}
