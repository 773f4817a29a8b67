import Foundation
import Synchronization
import RosterCore
#if canImport(Glibc)
import Glibc
#endif

/// What a command takes from the process around it, handed to it rather than read from
/// globals: environment variables, the standard streams, and whether each is a terminal.
/// The binary runs with `.process`; tests run commands in-process with variables and streams
/// of their own (`InProcess.run`). Task-local, so commands run at once by tests don't share.
struct CommandEnvironment: Sendable {
    enum Stream: Sendable { case input, output, error }

    /// The environment variables, read when asked: an SSH session sets `ROSTER_DB` and
    /// cleans the connection's variables before its inner command reads them.
    var variables: [String: String] { readVariables() }
    private var readVariables: @Sendable () -> [String: String]
    private var readVariable: @Sendable (String) -> String?
    /// Writes bytes to standard output or standard error.
    var write: @Sendable (Stream, Data) -> Void
    /// Up to this many bytes of standard input (fewer at its end).
    var read: @Sendable (Int) -> Data
    /// One line of standard input without its newline; nil at its end.
    var readLine: @Sendable () -> String?
    var isTerminal: @Sendable (Stream) -> Bool
    /// The streams are this process's file descriptors (what a file-descriptor writer may use).
    var usesDescriptors = false

    @TaskLocal static var current = CommandEnvironment.process

    /// The real process: its environment, its file descriptors.
    static let process = CommandEnvironment(
        readVariables: { ProcessInfo.processInfo.environment },
        readVariable: { name in getenv(name).map { String(cString: $0) } },
        write: { stream, data in writeAll(data, to: stream == .error ? STDERR_FILENO : STDOUT_FILENO) },
        read: { FileHandle.standardInput.readData(ofLength: $0) },
        readLine: { Swift.readLine(strippingNewline: true) },
        isTerminal: { stream in
            isatty(stream == .input ? STDIN_FILENO : stream == .output ? STDOUT_FILENO : STDERR_FILENO) == 1
        }, usesDescriptors: true)

    /// What an in-memory command wrote, by stream.
    final class Written: Sendable {
        let streams = Mutex((out: Data(), err: Data()))
        var out: String { streams.withLock { String(decoding: $0.out, as: UTF8.self) } }
        var err: String { streams.withLock { String(decoding: $0.err, as: UTF8.self) } }
    }

    /// A command's world in memory: `variables`, `input` as standard input, no terminals;
    /// what it writes is collected in `written`.
    static func inMemory(variables: [String: String], input: Data, written: Written) -> CommandEnvironment {
        let remaining = Mutex(input)
        @Sendable func take(_ count: Int) -> Data {
            remaining.withLock { data in
                let taken = data.prefix(count)
                data = Data(data.dropFirst(taken.count))
                return Data(taken)
            }
        }
        return CommandEnvironment(
            readVariables: { variables },
            readVariable: { variables[$0] },
            write: { stream, data in written.streams.withLock { stream == .error ? $0.err.append(data) : $0.out.append(data) } },
            read: take,
            readLine: {
                remaining.withLock { data in
                    guard !data.isEmpty else { return nil }
                    let end = data.firstIndex(of: 10) ?? data.endIndex
                    // As Swift.readLine: "\r\n" ends a line too.
                    var body = data[data.startIndex..<end]
                    if end < data.endIndex, body.last == 13 { body = body.dropLast() }
                    let line = String(decoding: body, as: UTF8.self)
                    data = Data(data[(end < data.endIndex ? data.index(after: end) : end)...])
                    return line
                }
            },
            isTerminal: { _ in false })
    }

    /// Text to standard output or standard error, as given (callers sanitize what came from data).
    func write(_ text: String, to stream: Stream = .output) {
        write(stream, Data(text.utf8))
    }

    /// One variable, without building the whole environment (`Output.time` asks per row).
    func variable(_ name: String) -> String? { readVariable(name) }

    /// The operator's time zone: `TZ` when set, else the system's (/etc/localtime). Read once
    /// per `TZ` value: a listing formats a time per row.
    var timeZone: ZoneRules {
        let tz = variable("TZ")
        return Self.zones.withLock { zones in
            if let zone = zones[tz ?? "\u{0}"] { return zone }
            let zone = ZoneRules.system(tz: tz)
            zones[tz ?? "\u{0}"] = zone
            return zone
        }
    }

    private static let zones = Mutex<[String: ZoneRules]>([:])

    /// Writes every byte, as `print` did: an error (a closed pipe with SIGPIPE ignored, a full
    /// disk) ends the writing quietly instead of crashing the command mid-way.
    private static func writeAll(_ data: Data, to descriptor: Int32) {
        data.withUnsafeBytes { raw in
            guard var base = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let written = Glibc.write(descriptor, base, left)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                left -= written
                base += written
            }
        }
    }
}
