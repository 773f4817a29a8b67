import Foundation
@testable import roster
@_exported import RosterTestSupport

/// Runs roster commands in a scratch home, with fast scrypt, and captures what they print:
/// in this process by default (`InProcess`, with the home's variables and streams of its
/// own), or by spawning the real binary when a test is about the process itself (signals,
/// file modes under its umask, terminals, several processes at once, SSH).
struct CLI {
    let home: String
    let database: String
    /// Run the real binary rather than in this process.
    var spawning = false

    struct Result: Sendable {
        var status: Int32
        var out: String
        var err: String
    }

    init() throws {
        home = try Scratch.folder("roster-cli")
        database = home + "/data/roster.sqlite"
    }

    /// A home whose `ROSTER_DB` is `database` (a PostgreSQL address, say).
    init(database: String) throws {
        home = try Scratch.folder("roster-cli")
        self.database = database
    }

    /// Another operator's home (their own session file) on the same database.
    init(sharing other: CLI) throws {
        home = try Scratch.folder("roster-cli")
        database = other.database
    }

    static let binary: String = {
        // The test bundle sits beside the products of the same build.
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("roster").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/roster").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
    }()

    /// The same home, running the real binary.
    var spawned: CLI {
        var copy = self
        copy.spawning = true
        return copy
    }

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, stdinData: Data? = nil, environment extra: [String: String] = [:]) throws -> Result {
        var environment = [
            "HOME": home, "XDG_CONFIG_HOME": home + "/config", "XDG_DATA_HOME": home + "/share",
            "ROSTER_DB": database, "ROSTER_SCRYPT_LOG_N": "4", "PATH": "/usr/bin:/bin", "TZ": "UTC",
        ]
        environment.merge(extra) { $1 }
        // The ssh commands are about the process itself (sshd's forced command, its exit status).
        guard spawning || GlobalOptions.hoisted(arguments).first == "ssh" else {
            let written = CommandEnvironment.Written()
            let input = (stdin.map { Data($0.utf8) } ?? Data()) + (stdinData ?? Data())
            let status = InProcess.run(arguments, in: .inMemory(variables: environment, input: input, written: written))
            return Result(status: status, out: written.out, err: written.err)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        if let stdinData {
            // A command may stop reading early (an input over its limit): that is an EPIPE here, not a crash.
            signal(SIGPIPE, SIG_IGN)
            try? input.fileHandleForWriting.write(contentsOf: stdinData)
        }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    static let adminPassword = "plum orchard at dusk"

    /// `roster init`, `roster login` as that administrator, and the required first password change.
    /// Returns the administrator's password (`adminPassword`). `approvals`: the two-person rule
    /// (`--approval-required-for`); off unless a test is about it, as for a one-administrator team.
    @discardableResult
    func initializeAndLogin(email: String = "admin@example.com", approvals: String = "none") throws -> String {
        let created = try run(["init", "--email", email, "--first", "Ada", "--last", "Admin", "--approval-required-for", approvals])
        guard created.status == 0, let line = created.out.split(separator: "\n").first(where: { $0.hasPrefix("Password:") }) else {
            throw CLIFailure("init failed: \(created.err)")
        }
        let password = line.split(separator: " ").last.map(String.init) ?? ""
        let login = try run(["login", "--email", email, "--password-stdin"], stdin: password + "\n")
        guard login.status == 0 else { throw CLIFailure("login failed: \(login.err)") }
        let change = try run(["passwd", "--password-stdin"], stdin: "\(password)\n\(Self.adminPassword)\n")
        guard change.status == 0 else { throw CLIFailure("passwd failed: \(change.err)") }
        return Self.adminPassword
    }
}

struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
