import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

struct MFACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mfa", abstract: "Set up two-factor sign-in for your own account.",
        subcommands: [Enroll.self, Confirm.self, RecoveryCodes.self])

    struct Enroll: RosterCommand {
        static let configuration = CommandConfiguration(
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
                for line in qr.lines(unicode: unicode) { print(line) }
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

    struct Confirm: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "Turn MFA on with the first code from your authenticator app.")
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

struct ResetMFA: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-mfa",
        abstract: "Turn a user's MFA off and delete their recovery codes (lost device); they re-enroll if policy requires.")
    @OptionGroup var target: UserTarget
    @OptionGroup var confirmation: Confirmation

    func execute() throws {
        try target.perform(confirmation, asking: { "Turn off MFA for \($0.email) and delete their recovery codes?" }) { roster, actor, user in
            let reset = try roster.mfa.reset(user.id, by: actor)
            return "MFA reset for \(user.email)." + (reset.mfaEnrollmentRequired ? " They must enroll again at next sign-in." : "")
        }
    }
}

/// Facts about the terminal the CLI prints to.
enum Terminal {
    /// Whether the locale is UTF-8, so block characters draw; otherwise ASCII is used.
    static var supportsUnicode: Bool {
        let environment = ProcessInfo.processInfo.environment
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"] ?? ""
        return locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
    }
}
