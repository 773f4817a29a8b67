import ArgumentParser
import Foundation

/// `--yes` and `--dry-run`, spelled the same on every destructive command. On a terminal the
/// command asks first (default no); elsewhere it needs `--yes`, so a script never hangs on a
/// prompt nor destroys by accident. `--dry-run` makes the change, reports it and rolls it back.
struct Confirmation: ParsableArguments {
    @Flag(name: [.customShort("y"), .long], help: "Don't ask; required when not at a terminal.") var yes = false
    @Flag(help: "Check and report what would change, then roll it back: nothing is kept.") var dryRun = false

    /// Asks `question` unless `--yes` or `--dry-run`; throws when the answer is no or can't be asked.
    func confirm(_ question: String) throws {
        if yes || dryRun { return }
        guard Prompt.isInteractive else {
            throw CLIError.usage("This changes data and there is no terminal to ask: add --yes (or --dry-run to see what it would do).")
        }
        guard Prompt.confirm(question) else { throw CLIError("Nothing was changed.") }
    }

    /// The line a command prints: as it is, or marked as a dry run.
    func report(_ message: String) -> String { Self.report(message, dryRun: dryRun) }

    static func report(_ message: String, dryRun: Bool) -> String {
        dryRun ? "Dry run, nothing was kept. It would have said: \(message)" : message
    }
}
