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
        try TargetChange.run(database, dryRun: dryRun, json: json, key: "user",
                             find: { roster, actor in try roster.users.find(user, by: actor) }, confirm: confirm, act: body,
                             after: { roster, actor, found in (try? roster.users.profile(found.id, by: actor)).map { UserDetailJSON($0) } })
    }

    /// Runs `body` on the found user and returns what it returns (reads that print their own output).
    func read<T>(_ body: (Roster, Actor, UserProfile) throws -> T) throws -> T {
        try UserReference.read(database, user: user, body)
    }
}
