import ArgumentParser
import RosterCore

struct SetRole: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-role",
        abstract: "Change a user's system role (operations admins and administrators; never above your own).")

    @OptionGroup var target: UserTarget
    @Argument(help: "The new system role.") var role: SystemRole

    func execute() throws {
        try target.perform { roster, actor, user in
            let updated = try roster.users.changeRole(user.id, to: role, by: actor)
            return "\(updated.email) is now \(updated.systemRole.title)."
        }
    }
}
