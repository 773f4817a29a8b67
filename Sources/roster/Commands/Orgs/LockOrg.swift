import ArgumentParser
import Foundation
import RosterCore

struct LockOrg: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "lock", abstract: "Freeze an organization: no member or group changes.")
    @OptionGroup var target: OrgTarget

    func execute() throws {
        try target.perform { roster, actor, org in _ = try roster.orgs.setLocked(org.id, true, by: actor); return "Locked \(org.name)." }
    }
}
