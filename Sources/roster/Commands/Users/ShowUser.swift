import ArgumentParser
import RosterCore

struct ShowUser: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one user's profile, orgs and security state.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Email or id of the user.") var user: String
    @Flag(help: "Print JSON.") var json = false

    func execute() throws {
        let context = try Context(database)
        let actor = try context.actor()
        let user = try context.roster.users.find(self.user, by: actor)
        let memberships = user.memberships
        let avatar = try context.roster.users.avatar(of: user.id, by: actor)
        if json {
            try Output.json(UserDetailJSON(user, avatar: avatar))
            return
        }
        let lock: String = switch user.lock(at: context.roster.environment.now()) {
        case .unlocked: "no"
        case .byAdministrator: "yes, by an administrator"
        case .until(let date): "until \(Output.time(date)) after failed sign-ins"
        }
        let fields: [(String, String)?] = [
            ("ID", String(user.id.rawValue)),
            ("Email", user.email.value),
            ("Name", user.fullName),
            ("Kind", user.kind.title),
            // Left out, not blank, for readers who may not see system roles.
            user.systemRole.map { ("Role", $0.title) },
            ("Status", user.status.title),
            ("Locked", lock),
            ("MFA", user.mfaEnabled ? "enabled" : (user.mfaEnrollmentRequired ? "enrollment required" : "off")),
            ("Password change", user.passwordChangeRequired ? "required at next sign-in" : "not required"),
            ("Terms", user.termsAcceptedAt.map { "accepted \(Output.time($0))" }
                ?? (user.termsAcceptanceRequired ? "acceptance required" : "not required")),
            ("Time zone", user.timeZone ?? "default"),
            ("Created", Output.time(user.createdAt)),
            ("Last sign-in", Output.time(user.lastSignInAt)),
            ("Avatar", avatar.map { "\($0.format.title), \($0.width)×\($0.height) px, \(AvatarImage.describe(bytes: $0.byteCount))" } ?? "none"),
            ("Orgs", memberships.isEmpty ? "none" : memberships.map { "\($0.orgName) (\($0.role.title))" }.joined(separator: ", ")),
            user.elevations.isEmpty ? nil : ("Elevated", user.elevations.map {
                "\($0.roleTitle) until \(Output.time($0.elevation.endsAt)) (\($0.elevation.reason), by \($0.elevation.grantedBy))"
            }.joined(separator: "; ")),
        ]
        for case let (label, value)? in fields { Output.line(label.padding(toLength: 16, withPad: " ", startingAt: 0) + value) }
    }
}
