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

struct AuthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "auth", abstract: "Use a reset or account-info link.", subcommands: [Redeem.self])

    struct Redeem: RosterCommand {
        static let configuration = CommandConfiguration(
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

struct ResetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resets", abstract: "Pending password reset and account-info links.", subcommands: [List.self, Cancel.self])

    struct List: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "Show pending links: who, when, by whom, until when.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this user's links (email or id).") var user: String?
        @OptionGroup var output: OutputOptions

        /// A pending link as scripts read it: never the link itself.
        struct LinkJSON: Encodable {
            var id: Int64?
            var user, purpose, createdBy: String
            var createdAt, expiresAt: Date
        }

        func execute() throws {
            let context = try Context(database)
            let actor = try context.actor()
            let userId = try user.map { try context.roster.users.find($0, by: actor).id }
            let pending = try context.roster.passwords.pendingResets(for: userId, by: actor)
            let links = try pending.map { reset in
                LinkJSON(id: reset.id, user: try context.roster.users.profile(reset.userId, by: actor).email.value, purpose: reset.purpose.rawValue,
                         createdBy: reset.createdBy, createdAt: reset.createdAt, expiresAt: reset.expiresAt)
            }
            try output.print(columns: ["ID", "USER", "PURPOSE", "CREATED", "BY", "EXPIRES"], rows: links.map { link in
                [String(link.id ?? 0), link.user, link.purpose, Output.time(link.createdAt), link.createdBy, Output.time(link.expiresAt)]
            }, json: links, empty: "No pending links.")
        }
    }

    struct Cancel: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a pending link; it stops working at once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The link's id from `roster resets list`.") var id: Int64

        func execute() throws {
            let context = try Context(database)
            try context.roster.passwords.cancelReset(id, by: try context.actor())
            Output.line("Cancelled link \(id).")
        }
    }
}

struct ResetPassword: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-password",
        abstract: "Mail the user a single-use link to choose a new password, or set a temporary one.")
    @OptionGroup var target: UserTarget
    @Flag(help: "Set a generated temporary password (shown once) instead of mailing a link.") var temporary = false
    @OptionGroup var confirmation: Confirmation

    func execute() throws {
        let question: (UserProfile) -> String = { user in
            temporary ? "Set a temporary password for \(user.email)? Their sessions end." : "Mail \(user.email) a reset link? Earlier links stop working."
        }
        try target.perform(confirmation, asking: question) { roster, actor, user in
            if temporary, confirmation.dryRun {
                _ = try roster.passwords.setTemporaryPassword(user.id, by: actor)
                return "Set a temporary password for \(user.email) (not shown: nothing was kept); their sessions would end."
            }
            if temporary {
                let password = try roster.passwords.setTemporaryPassword(user.id, by: actor)
                Output.line("Temporary password for \(user.email): \(password)")
                return "Shown once; it must be changed at next sign-in. Their sessions were ended."
            }
            let reset = try roster.passwords.sendResetLink(user.id, by: actor)
            return "Reset link queued for \(user.email), valid until \(Output.time(reset.expiresAt)). Deliver with `roster mail deliver`."
        }
    }
}

struct SendAccountInfo: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-account-info", abstract: "Mail the user their login and a link to set a password (valid 24 hours).")
    @OptionGroup var target: UserTarget

    func execute() throws {
        try target.perform { roster, actor, user in
            let reset = try roster.passwords.sendAccountInfo(user.id, by: actor)
            return "Account info queued for \(user.email), link valid until \(Output.time(reset.expiresAt))."
        }
    }
}
