import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

extension MFACommand {
    struct Confirm: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "confirm", abstract: "Turn MFA on with the first code from your authenticator app.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The 6-digit code.") var code: String

        func execute() throws {
            let context = try Context(database)
            try Self.finish(context: context, actor: try context.actor(), code: code)
        }

        static func finish(context: Context, actor: Actor, code: String) throws {
            let codes = try context.roster.mfa.confirmEnrollment(code: code, by: actor)
            Output.line("MFA is on. Recovery codes, each usable once; store them somewhere safe, they are not shown again:")
            for code in codes { Output.line("  \(code)") }
        }
    }
}
