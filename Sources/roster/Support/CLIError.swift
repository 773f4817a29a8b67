import RosterCore

/// An error raised by the command-line layer itself (bad flags combination, terminal trouble).
struct CLIError: HumanReadableError {
    let message: String
    /// 1, or 64 when the command line itself is at fault.
    var exitCode: Int32 = 1

    init(_ message: String) { self.message = message }

    /// A usage error (exit 64): the command can't run as given.
    static func usage(_ message: String) -> CLIError {
        var error = CLIError(message)
        error.exitCode = 64
        return error
    }
}

/// A path on the server given over SSH: refused (commands over SSH read standard input and
/// write standard output only), and audited by the SSH session that asked.
struct ServerPathRefused: HumanReadableError {
    let message: String
    init(_ message: String) { self.message = message }
}
