import ArgumentParser
import Foundation
import RosterCore

struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "The mail outbox: reset links and account info.", subcommands: [Deliver.self, List.self, Retry.self])

    struct Deliver: RosterCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand due messages to the mail command; failures are retried with backoff.",
            discussion: """
                Run it from cron or a systemd timer, as the account that owns the database. Messages are never dropped: after \
                8 failed attempts they are marked failed and can be retried. The mail command runs as whoever runs this, so \
                it comes from this flag (or ROSTER_MAIL_COMMAND in the cron job), never from the database, where any \
                administrator could change it.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Seconds to wait for the mail command before stopping it.") var timeout = 30
        @Option(name: .customLong("mail-command"), help: ArgumentHelp(
            "The sendmail-compatible command, an absolute path with its arguments, run without a shell. Default: $ROSTER_MAIL_COMMAND, else \(Self.defaultCommand).",
            valueName: "command"))
        var mailCommand: String?

        static let defaultCommand = "/usr/sbin/sendmail -t -i"

        func validate() throws {
            if let mailCommand, !mailCommand.hasPrefix("/") {
                throw ValidationError("--mail-command must start with an absolute path, such as \(Self.defaultCommand).")
            }
        }

        func execute() throws {
            let context = try Context(database)
            let fromEnvironment = ProcessInfo.processInfo.environment["ROSTER_MAIL_COMMAND"].flatMap { $0.isEmpty ? nil : $0 }
            let command = mailCommand ?? fromEnvironment ?? Self.defaultCommand
            guard command.hasPrefix("/") else {
                throw CLIError("ROSTER_MAIL_COMMAND must start with an absolute path, such as \(Self.defaultCommand).")
            }
            let report = try context.roster.mail.deliver(using: SendmailTransport(command: command, timeout: Double(max(1, timeout))))
            Output.line("Sent \(report.sent), will retry \(report.deferred), gave up on \(report.gaveUp).")
            if report.deferred + report.gaveUp > 0 {
                Output.line("See `roster mail list` for the errors.")
                throw ExitCode.failure
            }
        }
    }

    struct List: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "Show queued, sent and failed messages, newest first.")
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

    struct Retry: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a failed message again (administrators).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Message id from `roster mail list`.") var id: Int64

        func execute() throws {
            let context = try Context(database)
            try context.roster.mail.retry(id, by: try context.actor())
            Output.line("Message \(id) queued again.")
        }
    }
}
