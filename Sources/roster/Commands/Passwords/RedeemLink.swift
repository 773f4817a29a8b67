import ArgumentParser
import Foundation
import RosterCore

extension AuthCommand {
    struct Redeem: RosterCommand {
        static let configuration = CommandConfiguration(
            commandName: "redeem",
            abstract: "Set a new password with the token from a reset or account-info mail. Works once.")

        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Read the token, then the new password, from the first two lines of standard input.") var passwordStdin = false

        // The token is a password-equivalent: never an argument, where `ps` and shell
        // history would keep it.
        func execute() throws {
            let token: String, password: String
            if passwordStdin {
                token = try Prompt.stdinLine().trimmingCharacters(in: .whitespaces)
                password = try Prompt.stdinLine()
            } else {
                token = try Prompt.secret("Token from the mail (rsr_…)").trimmingCharacters(in: .whitespaces)
                password = try Prompt.secret("New password (12+ characters; a few words work well)")
                guard try Prompt.secret("New password again") == password else { throw CLIError("The two passwords differ; the link is still valid.") }
            }
            let context = try Context(database)
            let user = try context.roster.passwords.redeem(token: token, newPassword: password, ip: context.ip)
            Output.line("Password set for \(user.email). Sign in with `roster login --email \(user.email)`.")
        }
    }
}
