import ArgumentParser
import Foundation
import RosterCore

extension BulkAction: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

struct BulkUsers: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulk",
        abstract: "Take one action on every user matching the filters, each with its own policy check and audit row.",
        discussion: """
            The matching users are counted first and the count is confirmed: on a terminal you type it when it \
            is over 10; elsewhere --yes is required. Each user is then changed on their own (one transaction and \
            one audit row each), so a refusal (rank, last administrator) or a user changed meanwhile is listed at \
            the end and stops nothing. Ctrl-C stops before the next user. --dry-run makes every change, reports \
            it and rolls it back. With no filter at all, the command refuses: name what you mean.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The action.") var action: BulkAction
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var confirmation: Confirmation
    @Flag(help: "JSON: {\"selected\", \"done\": [...], \"unchanged\": [...], \"refused\": [...], \"cancelled\"}.") var json = false

    func validate() throws {
        let text = selection.filter?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !text.isEmpty || selection.narrowsBeyondText else {
            throw ValidationError("Give at least one filter (--org, --role, --status, --kind, --locked, --mfa, --no-sign-in-for or --filter).")
        }
    }

    func execute() throws {
        let context = try Context(database, dryRun: confirmation.dryRun)
        let actor = try context.actor()
        let chosen = try selection.selection(in: context.roster, by: actor)
        let showsProgress = CommandEnvironment.current.isTerminal(.error)
        let report = try context.roster.bulk(action, on: chosen, by: actor, confirm: { count in
            try confirmCount(count)
            // Only once confirmed: Ctrl-C at the question itself still ends the command.
            Interrupt.install()
        }) { done, all in
            if showsProgress, done % 50 == 0 || done == all {
                CommandEnvironment.current.write("\r\(action.verb) \(all) users: \(done) done", to: .error)
            }
            return !Interrupt.requested
        }
        if showsProgress, report.selected > 0 { CommandEnvironment.current.write("\n", to: .error) }
        guard report.selected > 0 else { Output.line("No users match; nothing was changed."); return }
        try show(report)
        if !report.refused.isEmpty { throw ExitCode(3) }
        if !report.failed.isEmpty || report.cancelled { throw ExitCode.failure }
    }

    /// Over 10 users, the count must be typed, as a deletion asks for the email.
    private func confirmCount(_ count: Int) throws {
        if confirmation.yes || confirmation.dryRun || count == 0 { return }
        guard Prompt.isInteractive else {
            throw CLIError.usage("This changes \(count) users and there is no terminal to ask: add --yes (or --dry-run to see what it would do).")
        }
        let question = "\(action.verb) \(count) user\(count == 1 ? "" : "s")?"
        if count <= 10 {
            guard Prompt.confirm(question) else { throw CLIError("Nothing was changed.") }
            return
        }
        let typed = try Prompt.line("\(question) Type \(count) to confirm", orFlag: "--yes")
        guard typed.trimmingCharacters(in: .whitespaces) == String(count) else { throw CLIError("That is not \(count); nothing was changed.") }
    }

    private func show(_ report: BulkReport) throws {
        if json {
            struct Skipped: Encodable { var email: String; var reason: String }
            struct Body: Encodable {
                var dryRun: Bool; var selected: Int; var done: [String]; var unchanged: [Skipped]; var refused: [Skipped]
                var failed: [Skipped]; var cancelled: Bool
            }
            func skipped(_ list: [BulkReport.Skipped]) -> [Skipped] { list.map { Skipped(email: $0.email, reason: $0.reason) } }
            try Output.json(Body(dryRun: confirmation.dryRun, selected: report.selected, done: report.done, unchanged: skipped(report.unchanged),
                                 refused: skipped(report.refused), failed: skipped(report.failed), cancelled: report.cancelled))
            return
        }
        for skipped in report.failed { Output.line("failed   \(skipped.email): \(skipped.reason)") }
        for skipped in report.refused { Output.line("refused  \(skipped.email): \(skipped.reason)") }
        for skipped in report.unchanged { Output.line("skipped  \(skipped.email): \(skipped.reason)") }
        var summary = "\(action.verb) \(report.selected) user\(report.selected == 1 ? "" : "s"): \(report.done.count) done, \(report.unchanged.count) already so, \(report.refused.count) refused"
        if report.cancelled { summary += "; stopped by Ctrl-C, the rest untouched" }
        Output.line(Confirmation.report(summary + ".", dryRun: confirmation.dryRun))
    }
}
