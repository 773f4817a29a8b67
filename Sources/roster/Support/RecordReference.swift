import ArgumentParser
import Foundation
import RosterCore

/// The user a listing is about (their sessions, SSH keys, IP rules), found as the signed-in
/// actor: one they may not see is "not found". Listings print through `OutputOptions`.
struct UserReference: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Email or id of the user.", completion: .custom(Completions.users)) var user: String

    func read<T>(_ body: (Roster, Actor, UserProfile) throws -> T) throws -> T {
        try Self.read(database, user: user, body)
    }

    /// Opens the database, signs the actor in, finds `user` as them and runs `body`.
    static func read<T>(_ database: DatabaseOptions, user: String, _ body: (Roster, Actor, UserProfile) throws -> T) throws -> T {
        let context = try Context(database)
        let actor = try context.actor()
        return try body(context.roster, actor, try context.roster.users.find(user, by: actor))
    }
}

/// The organization a listing is about (its members, its groups), found as the signed-in actor.
struct OrgReference: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Organization name or id.", completion: .custom(Completions.orgs)) var org: String

    func read<T>(_ body: (Roster, Actor, Org) throws -> T) throws -> T {
        let context = try Context(database)
        let actor = try context.actor()
        return try body(context.roster, actor, try context.roster.orgs.find(org, by: actor))
    }
}
