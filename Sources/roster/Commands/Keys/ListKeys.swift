import ArgumentParser
import Foundation
import RosterCore

extension KeysCommand {
    struct List: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a user's API keys (never their secrets).")
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
}
