import ArgumentParser
import Foundation
import RosterCore

extension ResetsCommand {
    struct List: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Show pending links: who, when, by whom, until when.")
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
}
