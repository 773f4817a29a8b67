import Foundation

/// Hands one message to the mail system.
public protocol MailTransport: Sendable {
    /// Throws `MailDeliveryError` when the message was not accepted.
    func send(_ message: OutboxMessage) throws
}

/// Why a message wasn't delivered, in words for the outbox list.
public struct MailDeliveryError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs a sendmail-compatible command (`sendmail -t -i` by default) with the message on
/// standard input, no shell involved, and a time limit so a hung mailer can't hang Roster.
public struct SendmailTransport: MailTransport {
    public var command: String
    public var timeout: TimeInterval

    public init(command: String, timeout: TimeInterval = 30) {
        self.command = command
        self.timeout = timeout
    }

    public func send(_ message: OutboxMessage) throws {
        let words = command.split(separator: " ").map(String.init)
        guard let program = words.first, let executable = Self.resolve(program) else {
            throw MailDeliveryError("mail command “\(command)” not found; pass one with `roster mail deliver --mail-command \"/usr/sbin/sendmail -t -i\"`")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(words.dropFirst())
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw MailDeliveryError("could not start \(executable): \(error.localizedDescription)")
        }
        // A mailer that exits early closes its end; writing must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try? input.fileHandleForWriting.write(contentsOf: Data(message.rfc5322.utf8))
        try? input.fileHandleForWriting.close()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            throw MailDeliveryError("\(program) did not finish within \(Int(timeout)) s and was stopped")
        }
        guard process.terminationStatus == 0 else {
            let stderr = String(decoding: errors.fileHandleForReading.availableData.prefix(300), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw MailDeliveryError("\(program) exited with status \(process.terminationStatus)\(stderr.isEmpty ? "" : ": " + stderr)")
        }
    }

    /// The executable for `program`: a path as given, else the first match on PATH (then /usr/sbin, /usr/lib).
    static func resolve(_ program: String) -> String? {
        let fm = FileManager.default
        if program.contains("/") { return fm.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/lib"] {
            let candidate = dir + "/" + program
            if fm.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
