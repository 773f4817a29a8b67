import Foundation

/// Drives a program in a real terminal (tmux), for what only a terminal shows: the first
/// screen, typing, resizing, and the terminal given back on exit.
///
/// One private tmux server (its own socket directory), killed when the driver goes away.
/// The session the tests start is named `t`.
public final class Tmux {
    /// The tmux binary: in /usr/bin, /usr/local/bin, or else the first on PATH; nil when absent.
    public static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = ["/usr/bin", "/usr/local/bin"] + path.split(separator: ":").map(String.init)
        return directories.map { $0 + "/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether tests that need a terminal can run here (`.ci/run` installs `tmux`).
    public static var isInstalled: Bool { executable != nil }

    /// What tests that need tmux say when it is missing, instead of passing silently.
    public static let missing = "tmux is not installed here: apt-get install -y tmux (as .ci/run does)"

    /// `wait(for:)` gave up: what it waited for, and the screen as it last was.
    public struct Timeout: Error, CustomStringConvertible {
        public let waitingFor: String
        public let seconds: TimeInterval
        public let screen: String

        public init(waitingFor: String, seconds: TimeInterval, screen: String) {
            self.waitingFor = waitingFor
            self.seconds = seconds
            self.screen = screen
        }

        public var description: String {
            "timed out after \(seconds) s waiting for \(waitingFor); the screen was:\n\(screen)"
        }
    }

    public let directory: String
    public let environment: [String: String]
    private let binary: String

    public init() throws {
        guard let binary = Self.executable else { throw Spawn.Failure(description: Self.missing) }
        self.binary = binary
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // No TMUX variable: the tests may themselves run inside tmux.
        environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "TMUX_TMPDIR": directory, "TERM": "xterm-256color",
                       "HOME": directory, "LANG": "C.UTF-8"]
    }

    /// Runs a tmux command against this driver's server; returns what it printed.
    @discardableResult
    public func run(_ arguments: [String]) throws -> String {
        let result = try Spawn.run([binary, "-L", "roster"] + arguments, environment: environment, timeout: 20)
        guard result.status == 0 else {
            throw Spawn.Failure(description: "tmux \(arguments.joined(separator: " ")) exited with \(result.status)")
        }
        return result.out
    }

    /// The text on the screen of `session` (`t` unless a test runs several).
    public func screen(_ session: String = "t") throws -> String { try run(["capture-pane", "-p", "-t", session]) }

    /// Types an email and password into the console's sign-in form, as a person would.
    public func signIn(_ email: String, _ password: String, in session: String = "t") throws {
        try run(["send-keys", "-t", session, "-l", email])
        try run(["send-keys", "-t", session, "Tab"])
        try run(["send-keys", "-t", session, "-l", password])
        try run(["send-keys", "-t", session, "Enter"])
    }

    /// Whether the program in session `t` is drawing on the alternate screen.
    public func alternateScreen() throws -> Bool {
        try run(["display-message", "-p", "-t", "t", "#{alternate_on}"]).hasPrefix("1")
    }

    /// Polls the pane until `condition` holds (a terminal program draws asynchronously) and
    /// returns the screen that satisfied it; throws `Timeout`, with the last screen, after `timeout`.
    public func wait(for description: String, in session: String = "t", timeout: TimeInterval = 30,
                     _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen(session)
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Timeout(waitingFor: description, seconds: timeout, screen: last)
    }

    deinit {
        _ = try? Spawn.run([binary, "-L", "roster", "kill-server"], environment: environment, timeout: 10)
        try? FileManager.default.removeItem(atPath: directory)
    }
}
