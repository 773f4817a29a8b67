import ArgumentParser
import Foundation
import RosterCore

struct PasswdCommand: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "passwd", abstract: "Change your own password.")

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Read the current and the new password from the first two lines of standard input.") var passwordStdin = false

    func execute() throws {
        let context = try Context(database)
        let actor = try context.actor()
        let current: String, new: String
        if passwordStdin {
            current = try Prompt.stdinLine()
            new = try Prompt.stdinLine()
        } else {
            current = try Prompt.secret("Current password")
            new = try Prompt.secret("New password (12+ characters; a few words work well)")
            guard try Prompt.secret("New password again") == new else { throw CLIError("The two new passwords differ; nothing was changed.") }
        }
        try context.roster.passwords.changeOwnPassword(current: current, new: new, by: actor)
        Output.line("Password changed.")
    }
}
