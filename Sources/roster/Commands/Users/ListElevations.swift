import ArgumentParser
import Foundation
import RosterCore

struct ListElevations: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "elevations",
        abstract: "List lent roles: who, what, until when, granted by whom and why.")

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Only those in force now.") var active = false
    @Option(help: "Only this user's (email or id).", completion: .custom(Completions.users)) var user: String?
    @OptionGroup var output: OutputOptions

    /// An elevation as scripts read it.
    struct ElevationJSON: Encodable {
        var id: Int64?
        var user, role, state, grantedBy, reason: String
        var org: String?
        var grantedAt, endsAt: Date
        var closedAt: Date?
        var endedBy: String?
    }

    func execute() throws {
        let context = try Context(database)
        let actor = try context.actor()
        let userId = try user.map { try context.roster.users.find($0, by: actor).id }
        let now = context.roster.environment.now()
        let listed = try context.roster.elevations.list(user: userId, activeOnly: active, by: actor).map { listing in
            let elevation = listing.elevation
            return ElevationJSON(id: elevation.id?.rawValue, user: listing.email, role: listing.roleTitle,
                                 state: elevation.state(at: now).rawValue, grantedBy: elevation.grantedBy, reason: elevation.reason,
                                 org: listing.org, grantedAt: elevation.grantedAt, endsAt: elevation.endsAt,
                                 closedAt: elevation.closedAt, endedBy: elevation.endedBy)
        }
        try output.print(columns: ["ID", "USER", "ROLE", "STATE", "UNTIL", "GRANTED BY", "REASON"], rows: listed.map {
            [String($0.id ?? 0), $0.user, $0.role, $0.state, Output.time($0.closedAt ?? $0.endsAt), $0.grantedBy, $0.reason]
        }, json: listed, empty: active ? "Nobody holds a lent role now." : "No role has been lent.")
    }
}
