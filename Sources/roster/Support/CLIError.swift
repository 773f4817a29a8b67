import RosterCore

/// An error raised by the command-line layer itself (bad flags combination, terminal trouble).
struct CLIError: HumanReadableError {
    let message: String
    init(_ message: String) { self.message = message }
}
