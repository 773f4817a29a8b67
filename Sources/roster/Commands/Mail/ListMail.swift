import ArgumentParser
import Foundation
import RosterCore

extension MailCommand {
    struct List: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Show queued, sent and failed messages, newest first.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "How many.") var limit = 50
        @OptionGroup var output: OutputOptions

        /// A message as scripts read it: never its body or the link sealed in it.
        struct MessageJSON: Encodable {
            var id: Int64?
            var recipient, subject, status: String
            var attempts: Int
            var createdAt, nextAttemptAt: Date
            var lastAttemptAt, sentAt: Date?
            var lastError: String?
        }

        func execute() throws {
            let context = try Context(database)
            let messages = try context.roster.mail.recent(limit: max(1, limit), by: try context.actor())
            try output.print(columns: ["ID", "TO", "SUBJECT", "STATUS", "ATTEMPTS", "QUEUED", "LAST ATTEMPT", "ERROR"], rows: messages.map { m in
                [String(m.id ?? 0), m.recipient, m.subject, m.status.rawValue, String(m.attempts), Output.time(m.createdAt),
                 Output.time(m.lastAttemptAt), m.lastError ?? ""]
            }, json: messages.map { m in
                MessageJSON(id: m.id, recipient: m.recipient, subject: m.subject, status: m.status.rawValue, attempts: m.attempts,
                            createdAt: m.createdAt, nextAttemptAt: m.nextAttemptAt, lastAttemptAt: m.lastAttemptAt, sentAt: m.sentAt,
                            lastError: m.lastError)
            }, empty: "The outbox is empty.", maxColumnWidth: 50)
        }
    }
}
