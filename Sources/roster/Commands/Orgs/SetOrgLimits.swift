import ArgumentParser
import Foundation
import RosterCore

struct SetOrgLimits: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "limits",
        abstract: "Set the most standard and API service accounts an org may have. Read-only users never count.")
    @OptionGroup var target: OrgTarget
    @Option(help: "Most standard accounts; omit for no limit.") var standard: Int?
    @Option(help: "Most API service accounts; omit for no limit.") var service: Int?

    func execute() throws {
        try target.perform { roster, actor, org in
            let updated = try roster.orgs.setLimits(org.id, standard: standard, service: service, by: actor)
            return "\(updated.name): standard \(updated.standardUserLimit.map(String.init) ?? "unlimited"), service \(updated.serviceUserLimit.map(String.init) ?? "unlimited")."
        }
    }
}
