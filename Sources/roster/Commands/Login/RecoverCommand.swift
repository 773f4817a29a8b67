import ArgumentParser
import Foundation
import RosterCore

struct RecoverCommand: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Break-glass: set a new generated password for an administrator.",
        discussion: """
            For when no administrator can sign in. Anyone who can write the database file can run it; \
            it is recorded in the audit trail as a recovery, with your IP when you came in over SSH. \
            The account is unlocked and reactivated, its sessions end, and the new password must be changed at first sign-in.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Email or id of the administrator.") var user: String

    func execute() throws {
        let context = try Context(database)
        let (recovered, password) = try context.roster.bootstrap.recover(user, ip: context.ip)
        Output.line("New password for \(recovered.email): \(password)")
        Output.line("Shown once; it must be changed at first sign-in.")
    }
}
