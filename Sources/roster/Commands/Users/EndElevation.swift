import ArgumentParser
import RosterCore

struct EndElevation: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "end-elevation",
        abstract: "End a user's elevation before its time (yours, or one you could have granted).")

    @OptionGroup var target: UserTarget
    @Option(help: "Only the org admin elevation in this org (name or id).") var org: String?
    @Flag(help: "Only the system role elevation.") var system = false

    func validate() throws {
        if org != nil, system { throw ValidationError("Give --org or --system, not both (neither ends them all).") }
    }

    func execute() throws {
        try target.perform { roster, actor, user in
            let scope: ElevationService.EndScope = if let org { .org(try roster.orgs.find(org, by: actor).id) } else if system { .system } else { .all }
            let ended = try roster.elevations.end(user.id, scope: scope, by: actor)
            return "\(user.email): \(ended.count == 1 ? "elevation" : "\(ended.count) elevations") ended; back to their own role."
        }
    }
}
