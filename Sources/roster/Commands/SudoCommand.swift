import ArgumentParser
import Foundation
import RosterCore

/// Sudo mode from the command line: confirm it's you, so the sensitive commands (passwords,
/// MFA, roles, keys, deleting, settings) work for the next few minutes of this session.
struct SudoCommand: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "sudo",
        abstract: "Confirm it's you (password, or authenticator code with MFA) before a sensitive command.",
        discussion: """
            Sensitive commands (resetting passwords or MFA, changing roles, API and SSH keys, deleting, settings) \
            ask for a confirmation no older than the setting session.reauthenticate-minutes (15 by default). \
            Accounts with MFA give a code; others give their password. Audited; wrong answers count towards the lockout.
            """)

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
    @Option(help: "The 6-digit code from your authenticator app, or a recovery code (accounts with MFA).") var code: String?

    func execute() throws {
        let context = try Context(database)
        guard let token = try SessionFile().token(for: context.databaseName) else { throw RosterError.notSignedIn }
        let auth = context.roster.auth
        // Ask for the one factor that counts: the code with MFA, else the password.
        guard let factor = try auth.confirmationFactor(token: token) else { throw RosterError.sessionExpired }
        let until: Date
        switch factor {
        case .code:
            if passwordStdin { throw CLIError("This account uses MFA: confirm with --code (the authenticator's code), not a password.") }
            let code = try self.code ?? Prompt.line("Authenticator code (or a recovery code)", orFlag: "--code")
            until = try auth.reauthenticate(token: token, password: nil, code: code, ip: context.ip)
        case .password:
            if code != nil { throw CLIError("This account has no MFA: confirm with your password (--password-stdin, or at the prompt).") }
            let password = passwordStdin ? try Prompt.stdinLine() : try Prompt.secret("Password")
            until = try auth.reauthenticate(token: token, password: password, code: nil, ip: context.ip)
        }
        Output.line("Confirmed; sensitive commands work until \(Output.time(until)).")
    }
}
