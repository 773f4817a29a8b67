import ArgumentParser
import Foundation
import RosterCore

extension MailCommand {
    struct Deliver: RosterCommand {
        static let configuration = CommandConfiguration(
            commandName: "deliver",
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
            let fromEnvironment = CommandEnvironment.current.variables["ROSTER_MAIL_COMMAND"].flatMap { $0.isEmpty ? nil : $0 }
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
}
