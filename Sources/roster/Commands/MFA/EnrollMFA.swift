import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

extension MFACommand {
    struct Enroll: RosterCommand {
        static let configuration = CommandConfiguration(
            commandName: "enroll",
            abstract: "Show a QR code and secret for your authenticator app, after your current password; on a terminal, asks for the first code.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Read your current password from the first line of standard input.") var passwordStdin = false

        func execute() throws {
            let context = try Context(database)
            let actor = try context.actor()
            let password = passwordStdin ? try Prompt.stdinLine() : try Prompt.secret("Current password")
            let enrollment = try context.roster.mfa.beginEnrollment(password: password, by: actor)
            if let qr = QRCode(enrollment.uri) {
                let unicode = Terminal.supportsUnicode
                for line in qr.lines(unicode: unicode) { CommandEnvironment.current.write(line + "\n") }
            }
            Output.line("Scan the code, or type this secret into your authenticator app: \(enrollment.secret)")
            Output.line(enrollment.uri)
            guard Prompt.isInteractive else {
                Output.line("Then confirm with: roster mfa confirm CODE")
                return
            }
            let code = try Prompt.line("Code shown by the app", orFlag: "CODE")
            try Confirm.finish(context: context, actor: actor, code: code)
        }
    }
}
