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

struct LogoutCommand: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "End your session on this database.")

    @OptionGroup var database: DatabaseOptions

    func execute() throws {
        let path = database.resolvedPath()
        let file = SessionFile()
        guard let token = try file.token(for: path) else {
            Output.line("Not signed in to \(path).")
            return
        }
        if FileManager.default.fileExists(atPath: path) {
            try? Context(database).roster.auth.signOut(token: token)
        }
        try file.remove(for: path)
        Output.line("Signed out.")
    }
}

struct WhoAmICommand: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Show the signed-in account.")

    @OptionGroup var database: DatabaseOptions

    func execute() throws {
        let context = try Context(database)
        let actor = try context.actor()
        Output.line("\(actor.label) (\(actor.systemRole.title)\(actor.readOnlyCredential ? ", read-only key" : "")) on \(context.databaseName)")
    }
}

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
