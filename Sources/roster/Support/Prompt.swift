import Foundation
import RosterTerminal

/// Asks the person at the terminal, and only when there is one.
enum Prompt {
    static var isInteractive: Bool { CommandEnvironment.current.isTerminal(.input) }

    /// Reads a line from the terminal, or fails with a message naming the flag to pass instead.
    static func line(_ label: String, orFlag flag: String) throws -> String {
        guard isInteractive else { throw CLIError("Missing \(flag). Pass it on the command line (no terminal to ask on).") }
        // Labels can quote data (an org's name): sanitized like everything else printed.
        CommandEnvironment.current.write("\(TextSanitizer.sanitize(label)): ", to: .error)
        guard let answer = CommandEnvironment.current.readLine() else { throw CLIError("No answer for \(label); nothing was done.") }
        return answer
    }

    /// Reads a secret from the terminal with echo off, restoring the terminal whatever happens.
    static func secret(_ label: String) throws -> String {
        let fd = open("/dev/tty", O_RDWR)
        guard fd >= 0 else { throw CLIError("No terminal to read the password from; use --password-stdin.") }
        defer { close(fd) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { throw CLIError("Can't read the password from this terminal; use --password-stdin.") }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ICANON)
        let shown = TextSanitizer.sanitize(label) + ": "
        _ = write(fd, shown, shown.utf8.count)
        tcsetattr(fd, TCSAFLUSH, &silent)
        defer {
            tcsetattr(fd, TCSAFLUSH, &saved)
            _ = write(fd, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1, byte != 10, byte != 13 { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first line of standard input, for `--password-stdin`.
    static func stdinLine() throws -> String {
        guard let line = CommandEnvironment.current.readLine() else {
            throw CLIError("--password-stdin was given but standard input is empty.")
        }
        return line
    }

    /// Asks yes/no on the terminal; the default is no.
    static func confirm(_ question: String) -> Bool {
        guard isInteractive else { return false }
        CommandEnvironment.current.write("\(TextSanitizer.sanitize(question)) [y/N] ", to: .error)
        let answer = CommandEnvironment.current.readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "y" || answer == "yes"
    }
}
