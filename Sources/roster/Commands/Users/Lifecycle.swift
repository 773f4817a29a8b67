import ArgumentParser
import Foundation
import RosterCore

/// The user a lifecycle command acts on.
struct UserTarget: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Email or id of the user.", completion: .custom(Completions.users)) var user: String
    @Flag(help: "Print JSON: {\"message\", \"dryRun\", \"user\"} with the user as `users show --json` prints them (after a change, as changed).")
    var json = false

    /// Opens the database, signs the actor in, finds the user, runs `body` and prints what
    /// it says, or with --json the user as they are afterwards.
    func perform(_ body: (Roster, Actor, UserProfile) throws -> String) throws {
        try perform(dryRun: false, confirm: { _ in }, body)
    }

    /// As `perform`, for a destructive change: asks `question` (or takes --yes), or with
    /// --dry-run makes the change, reports it and rolls it back.
    func perform(_ confirmation: Confirmation, asking question: @escaping (UserProfile) -> String,
                 _ body: (Roster, Actor, UserProfile) throws -> String) throws {
        try perform(dryRun: confirmation.dryRun, confirm: { try confirmation.confirm(question($0)) }, body)
    }

    /// As `perform`, with `confirm` run on the found user first, and --dry-run's rollback.
    func perform(dryRun: Bool, confirm: (UserProfile) throws -> Void, _ body: (Roster, Actor, UserProfile) throws -> String) throws {
        let context = try Context(database, dryRun: dryRun)
        let actor = try context.actor()
        let user = try context.roster.users.find(self.user, by: actor)
        try confirm(user)
        let message = try body(context.roster, actor, user)
        guard json else { Output.line(Confirmation.report(message, dryRun: dryRun)); return }
        struct Change: Encodable { var message: String; var dryRun: Bool; var user: UserDetailJSON? }
        // Read again: the record as the change left it (gone after a delete; unchanged after a dry run).
        let after = try? context.roster.users.profile(user.id, by: actor)
        try Output.json(Change(message: message, dryRun: dryRun, user: after.map(UserDetailJSON.init)))
    }

    /// Runs `body` on the found user and returns what it returns (reads that print their own output).
    func read<T>(_ body: (Roster, Actor, UserProfile) throws -> T) throws -> T {
        let context = try Context(database)
        let actor = try context.actor()
        return try body(context.roster, actor, try context.roster.users.find(user, by: actor))
    }
}

struct Deactivate: RosterCommand {
    static let configuration = CommandConfiguration(
        abstract: "Deactivate a user: they can't sign in, their sessions end and their IP rules go.")
    @OptionGroup var target: UserTarget
    @OptionGroup var confirmation: Confirmation

    func execute() throws {
        try target.perform(confirmation, asking: { "Deactivate \($0.email)? Their sessions end and API keys are revoked." }) { roster, actor, user in
            let result = try roster.users.deactivate(user.id, by: actor)
            return "Deactivated \(user.email): \(result.sessionsEnded) session(s) ended, \(result.apiKeysRevoked) API key(s) revoked, \(result.ipRulesRemoved) IP rule(s) removed."
        }
    }
}

struct Reactivate: RosterCommand {
    static let configuration = CommandConfiguration(abstract: "Let a deactivated user sign in again.")
    @OptionGroup var target: UserTarget

    func execute() throws {
        try target.perform { roster, actor, user in
            _ = try roster.users.reactivate(user.id, by: actor)
            return "Reactivated \(user.email)."
        }
    }
}

struct Lock: RosterCommand {
    static let configuration = CommandConfiguration(abstract: "Lock a user until an admin unlocks them; their sessions end.")
    @OptionGroup var target: UserTarget
    @OptionGroup var confirmation: Confirmation

    func execute() throws {
        try target.perform(confirmation, asking: { "Lock \($0.email)? Their sessions end." }) { roster, actor, user in
            _ = try roster.users.lock(user.id, by: actor)
            return "Locked \(user.email)."
        }
    }
}

struct Unlock: RosterCommand {
    static let configuration = CommandConfiguration(abstract: "Clear an admin lock or a lockout after failed sign-ins.")
    @OptionGroup var target: UserTarget

    func execute() throws {
        try target.perform { roster, actor, user in
            _ = try roster.users.unlock(user.id, by: actor)
            return "Unlocked \(user.email)."
        }
    }
}

struct RequirePasswordChange: RosterCommand {
    static let configuration = CommandConfiguration(abstract: "Make the user choose a new password at next sign-in.")
    @OptionGroup var target: UserTarget
    @Flag(help: "Clear the requirement instead.") var clear = false

    func execute() throws {
        try target.perform { roster, actor, user in
            _ = try roster.users.requirePasswordChange(user.id, !clear, by: actor)
            return clear ? "\(user.email) no longer has to change their password." : "\(user.email) must change their password at next sign-in."
        }
    }
}

struct Sessions: RosterCommand {
    static let configuration = CommandConfiguration(abstract: "List a user's open sessions.")
    @OptionGroup var target: UserTarget

    func execute() throws {
        let context = try Context(target.database)
        let actor = try context.actor()
        let user = try context.roster.users.find(target.user, by: actor)
        let sessions = try context.roster.auth.sessions(of: user.id, by: actor)
        if target.json {
            struct SessionJSON: Encodable { var id: Int64; var createdAt, lastSeenAt: Date; var ip, client: String? }
            try Output.json(sessions.map { SessionJSON(id: $0.id.rawValue, createdAt: $0.createdAt, lastSeenAt: $0.lastSeenAt, ip: $0.ip, client: $0.client) })
            return
        }
        guard !sessions.isEmpty else { Output.line("\(user.email) has no open sessions."); return }
        Output.table(["ID", "CREATED", "LAST SEEN", "IP", "CLIENT"], sessions.map {
            [String($0.id.rawValue), Output.time($0.createdAt), Output.time($0.lastSeenAt), $0.ip ?? "-", $0.client ?? "-"]
        })
    }
}

struct EndSession: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "end-session", abstract: "End one session (its id from `users sessions`).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Session id.") var session: Int64

    func execute() throws {
        let context = try Context(database)
        try context.roster.auth.endSession(SessionID(rawValue: session), by: try context.actor())
        Output.line("Ended session \(session).")
    }
}

struct EndSessions: RosterCommand {
    static let configuration = CommandConfiguration(abstract: "End all of a user's open sessions.")
    @OptionGroup var target: UserTarget
    @OptionGroup var confirmation: Confirmation

    func execute() throws {
        try target.perform(confirmation, asking: { "End every open session of \($0.email)?" }) { roster, actor, user in
            "Ended \(try roster.auth.endAllSessions(of: user.id, by: actor)) session(s) of \(user.email)."
        }
    }
}

struct DeleteUser: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a user for good. Their audit rows stay. Consider `deactivate` instead.")
    @OptionGroup var target: UserTarget
    @Option(help: "Type the user's email again to confirm without a prompt (for scripts).") var confirm: String?
    @Flag(help: "Check and report what deleting would do, then roll it back: nothing is kept.") var dryRun = false

    func execute() throws {
        // Irreversible: typing the email is the confirmation (--yes is not enough), except in a dry run.
        try target.perform(dryRun: dryRun, confirm: { _ in }) { roster, actor, user in
            let typed = dryRun ? user.email.value : try confirm ?? Prompt.line("Deleting is irreversible. Type the email \(user.email) to confirm", orFlag: "--confirm EMAIL")
            guard typed.trimmingCharacters(in: .whitespaces).lowercased() == user.email.value else {
                throw CLIError("The email you typed does not match \(user.email); nothing was deleted.")
            }
            _ = try roster.users.delete(user.id, by: actor)
            return "Deleted \(user.email)."
        }
    }
}
