import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

extension MFACommand {
    struct RecoveryCodes: RosterCommand {
        static let configuration = CommandConfiguration(
            commandName: "recovery-codes", abstract: "Replace your recovery codes (current password and code needed); the old ones stop working.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Read your current password, then a current code, from the first two lines of standard input.") var passwordStdin = false

        func execute() throws {
            let context = try Context(database)
            let actor = try context.actor()
            let password = passwordStdin ? try Prompt.stdinLine() : try Prompt.secret("Current password")
            let code = passwordStdin ? try Prompt.stdinLine() : try Prompt.line("Authenticator code (or a recovery code)", orFlag: "--password-stdin")
            let codes = try context.roster.mfa.regenerateRecoveryCodes(password: password, code: code, by: actor)
            Output.line("New recovery codes (the old ones no longer work):")
            for code in codes { Output.line("  \(code)") }
        }
    }
}
