import ArgumentParser
import Foundation
import RosterCore

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "API keys: scripts act as their user with ROSTER_API_KEY.",
        subcommands: [Create.self, List.self, Renew.self, Revoke.self])

    struct Create: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key; the key is shown once.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Whose key (email or id); default yourself.") var user: String?
        @Option(help: "A name to recognize it by.") var name: String
        @Option(help: "What the key may do.") var scope = APIKey.Scope.read
        @Option(help: "Days until it expires; 0 = never. Default: the api-key.expiry-days setting.") var expiresInDays: Int?

        func execute() throws {
            let context = try Context(database)
            let actor = try context.actor()
            let owner = try user.map { try context.roster.users.find($0, by: actor).id } ?? actor.userId
            guard let owner else { throw CLIError("Name the key's owner with --user.") }
            let created = try context.roster.apiKeys.create(for: owner, name: name, scope: scope, expiresInDays: expiresInDays, by: actor)
            Output.line(created.secret)
            FileHandle.standardError.write(Data(("Key \(created.key.prefix) (\(scope.rawValue)) created"
                + (created.key.expiresAt.map { ", expires \(Output.time($0))" } ?? ", never expires")
                + ". It is shown once: store it now.\n").utf8))
        }
    }

    struct Renew: RosterCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a key with a new one of the same name and scope; the old one stops at once. The new key is shown once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The key's id from `roster keys list`.") var id: Int64
        @Option(help: "Days until the new key expires; 0 = never. Default: as long as the old key was given.") var expiresInDays: Int?

        func execute() throws {
            let context = try Context(database)
            let created = try context.roster.apiKeys.renew(id, expiresInDays: expiresInDays, by: try context.actor())
            Output.line(created.secret)
            FileHandle.standardError.write(Data(("Key \(created.key.prefix) replaces key \(id)"
                + (created.key.expiresAt.map { ", expires \(Output.time($0))" } ?? ", never expires")
                + ". It is shown once: store it now; the old key no longer works.\n").utf8))
        }
    }

    struct List: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "List a user's API keys (never their secrets).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Whose keys (email or id); default yours.") var user: String?
        @OptionGroup var output: OutputOptions

        /// A key as scripts read it: never its secret or the secret's hash.
        struct KeyJSON: Encodable {
            var id: Int64?
            var prefix, name, scope, state, createdBy: String
            var createdAt: Date
            var expiresAt, lastUsedAt, revokedAt: Date?
        }

        func execute() throws {
            let context = try Context(database)
            let actor = try context.actor()
            let owner = try user.map { try context.roster.users.find($0, by: actor).id } ?? actor.userId
            guard let owner else { throw CLIError("Name the owner with --user.") }
            let keys = try context.roster.apiKeys.keys(of: owner, by: actor)
            let now = Date()
            func state(_ key: APIKey) -> String { key.revokedAt != nil ? "revoked" : (key.isUsable(at: now) ? "active" : "expired") }
            try output.print(columns: ["ID", "PREFIX", "NAME", "SCOPE", "CREATED", "EXPIRES", "LAST USED", "STATE"], rows: keys.map { key in
                [String(key.id ?? 0), key.prefix, key.name, key.scope.rawValue, Output.time(key.createdAt),
                 key.expiresAt.map(Output.time) ?? "never", Output.time(key.lastUsedAt), state(key)]
            }, json: keys.map { key in
                KeyJSON(id: key.id, prefix: key.prefix, name: key.name, scope: key.scope.rawValue, state: state(key), createdBy: key.createdBy,
                        createdAt: key.createdAt, expiresAt: key.expiresAt, lastUsedAt: key.lastUsedAt, revokedAt: key.revokedAt)
            }, empty: "No API keys.")
        }
    }

    struct Revoke: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key; it stops working at once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The key's id from `roster keys list`.") var id: Int64
        @OptionGroup var confirmation: Confirmation

        func execute() throws {
            let context = try Context(database, dryRun: confirmation.dryRun)
            let actor = try context.actor()
            try confirmation.confirm("Revoke API key \(id)? Scripts using it stop working at once.")
            let key = try context.roster.apiKeys.revoke(id, by: actor)
            Output.line(confirmation.report("Revoked key \(key.prefix) (\(key.name))."))
        }
    }
}
