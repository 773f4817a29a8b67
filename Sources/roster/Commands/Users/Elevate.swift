import ArgumentParser
import Foundation
import RosterCore

struct Elevate: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "elevate",
        abstract: "Lend a user a higher role until a set time; it drops back by itself.",
        discussion: """
            The user holds the role (a system role, or org admin in one org with --org) until the time is up, \
            then holds their own again: nothing needs to run at the end. Only someone who may grant the role may \
            lend it; never to yourself. The longest allowed is the setting elevation.max-hours (default 8).
            Example: roster users elevate ana@example.com --role operations-admin --for 2h --reason "INC-42 failover"
            """)

    @OptionGroup var target: UserTarget
    @Option(help: "The role to lend: a system role (accounts-admin, operations-admin, administrator) or org-admin with --org.")
    var role: String
    @Option(help: "For org-admin: the org (name or id).") var org: String?
    @Option(name: .customLong("for"), help: "How long: 2h, 90m, 1h30m.") var duration: String
    @Option(help: "Why, for the audit trail (required).") var reason: String

    func validate() throws {
        _ = try Self.lentRole(role, org: org)
        do { _ = try ElevationProblem.duration(duration) } catch let problem as ElevationProblem { throw ValidationError(problem.message) }
    }

    /// The role asked for: a system role, or org admin when `--org` names an org.
    enum Asked { case system(SystemRole), orgAdmin }

    static func lentRole(_ text: String, org: String?) throws -> Asked {
        if (try? OrgRole(name: text)) == .orgAdmin {
            guard org != nil else { throw ValidationError("--role org-admin needs --org ORG: the org where they are org admin meanwhile.") }
            return .orgAdmin
        }
        guard org == nil else { throw ValidationError("--org goes with --role org-admin; a system role holds everywhere.") }
        do { return .system(try SystemRole(name: text)) } catch let error as RosterError { throw ValidationError(error.message) }
    }

    func execute() throws {
        let seconds = try ElevationProblem.duration(duration)
        try target.perform { roster, actor, user in
            let lent: ElevatedRole = switch try Self.lentRole(role, org: org) {
            case .system(let systemRole): .system(systemRole)
            case .orgAdmin: .orgAdmin(try roster.orgs.find(org ?? "", by: actor).id)
            }
            let elevation = try roster.elevations.elevate(user.id, to: lent, for: seconds, reason: reason, by: actor)
            let title = switch lent {
            case .system(let systemRole): systemRole.title
            case .orgAdmin: "org admin of \(org ?? "")"
            }
            return "\(user.email) is \(title) until \(Output.time(elevation.endsAt)); then back to their own role."
        }
    }
}
