import ArgumentParser
import Foundation
import RosterCore

struct RequireOrgMFA: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "require-mfa", abstract: "Require (or stop requiring) MFA for an org's members.")
    @OptionGroup var target: OrgTarget
    @Flag(help: "Stop requiring MFA.") var off = false

    func execute() throws {
        try target.perform { roster, actor, org in
            _ = try roster.orgs.setMFARequired(org.id, !off, by: actor)
            return off ? "\(org.name) no longer requires MFA." : "\(org.name) now requires MFA."
        }
    }
}
