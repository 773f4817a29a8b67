import ArgumentParser
import Foundation
import RosterCore

struct LoginCommand: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in; later commands act as this account until `roster logout`.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Your email.") var email: String?
    @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
    @Option(help: "The 6-digit code from your authenticator app, or a recovery code.") var code: String?

    func execute() throws {
        let email = try self.email ?? Prompt.line("Email", orFlag: "--email")
        let password = passwordStdin ? try Prompt.stdinLine() : try Prompt.secret("Password")
        let context = try Context(database)
        let auth = context.roster.auth
        let signIn: SignIn
        do {
            signIn = try auth.signIn(email: email, password: password, code: code, ip: context.ip, client: "roster-cli")
        } catch RosterError.mfaCodeRequired where code == nil && Prompt.isInteractive {
            let code = try Prompt.line("Authenticator code (or a recovery code)", orFlag: "--code")
            signIn = try auth.signIn(email: email, password: password, code: code, ip: context.ip, client: "roster-cli")
        }
        try SessionFile().save(signIn.token, for: context.databaseName)
        Output.line("Signed in as \(signIn.user.email) (\(signIn.user.systemRole.title)).")
        for step in try auth.pendingSteps(by: try auth.actor(forToken: signIn.token, ip: context.ip, activity: false)) {
            Output.line(step.instruction)
        }
    }
}
