import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// kill -9 at random moments of an import and a backup: afterwards the database passes
/// SQLite's integrity check and the audit chain, and each operation is all there or not at
/// all. CI runs a few cycles; `ROSTER_CRASH_CYCLES=200 swift test --filter CrashCLITests`
/// runs more (BENCHMARKS.md).
///
/// The kill delays come from a seeded generator; every test prints its seed, and every failure
/// names it. `ROSTER_CRASH_SEED=<seed>` replays the same delays (the timing of the program
/// killed still varies from run to run, so a replay is likely, not certain, to fail again).
@Suite("kill -9", .serialized)
struct CrashCLITests {
    static let cycles = Int(ProcessInfo.processInfo.environment["ROSTER_CRASH_CYCLES"] ?? "") ?? 6

    /// ROSTER_CRASH_SEED as given (decimal), or a fresh seed for this run.
    static let seed: UInt64 = {
        if let text = ProcessInfo.processInfo.environment["ROSTER_CRASH_SEED"],
           let seed = UInt64(text.trimmingCharacters(in: .whitespaces)) {
            return seed
        }
        return UInt64.random(in: .min ... .max)
    }()

    /// What every failure message ends with, so that a failed run can be replayed.
    static let replay = "seed \(seed): replay with ROSTER_CRASH_SEED=\(seed)"

    /// A test's generator of kill delays, started from `seed`; says so once, at the test's start.
    static func delays(for test: String) -> SeededGenerator {
        if let text = ProcessInfo.processInfo.environment["ROSTER_CRASH_SEED"], UInt64(text.trimmingCharacters(in: .whitespaces)) == nil {
            print("\(test): ROSTER_CRASH_SEED=\(text) is not a decimal number from 0 to \(UInt64.max); using a fresh seed")
        }
        print("\(test): kill delays from \(replay)")
        return SeededGenerator(seed: seed)
    }

    /// Starts `roster arguments`, kills it with SIGKILL after `delay` seconds (if still running);
    /// returns whether it had finished on its own first.
    func runKilled(_ cli: CLI, _ arguments: [String], after delay: TimeInterval) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.environment = ["HOME": cli.home, "XDG_CONFIG_HOME": cli.home + "/config", "XDG_DATA_HOME": cli.home + "/share",
                               "ROSTER_DB": cli.database, "ROSTER_SCRYPT_LOG_N": "4", "PATH": "/usr/bin:/bin", "TZ": "UTC"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(delay)
        while process.isRunning, Date() < deadline { usleep(2_000) }
        let finished = !process.isRunning
        if !finished { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return finished
    }

    /// The database as a reader finds it after the crash: integrity, chain, users, audit rows.
    func inspect(_ path: String) throws -> (integrity: String, users: Int, audit: Int) {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; "),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM user") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM auditEntry") ?? 0)
        }
    }

    /// Where a crash test runs: an SQLite file, or a database in the run's PostgreSQL cluster.
    enum Kind: String, CaseIterable, Sendable {
        case sqlite, postgres

        static var all: [Kind] { PostgresServer.isInstalled ? allCases : [.sqlite] }

        func cli() throws -> CLI {
            switch self {
            case .sqlite: return try CLI()
            case .postgres:
                let server = try PostgresServer.shared()
                return try CLI(database: server.address(try server.createDatabase(prefix: "crash")))
            }
        }

        /// One number the database holds (`user` is `users` on PostgreSQL).
        func count(_ cli: CLI, _ sql: String) throws -> Int {
            switch self {
            case .sqlite:
                let queue = try DatabaseQueue(path: cli.database)
                defer { try? queue.close() }
                return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
            case .postgres:
                let name = cli.database.split(separator: " ").first { $0.hasPrefix("dbname=") }.map { String($0.dropFirst(7)) } ?? ""
                let text = try PostgresServer.shared().psql(sql.replacingOccurrences(of: "FROM user ", with: "FROM users ")
                    .replacingOccurrences(of: "FROM user$", with: "FROM users", options: .regularExpression), database: name)
                return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
            }
        }

        /// Integrity as the engine sees it (SQLite's check; PostgreSQL keeps its own and is "ok").
        func inspect(_ cli: CLI) throws -> (integrity: String, users: Int, audit: Int) {
            let integrity: String
            if self == .sqlite {
                let queue = try DatabaseQueue(path: cli.database)
                integrity = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
                try queue.close()
            } else {
                integrity = "ok"
            }
            return (integrity, try count(cli, "SELECT count(*) FROM user"), try count(cli, "SELECT count(*) FROM auditEntry"))
        }
    }

    @Test("an import killed at any moment is all there or not there, and the audit chain holds", arguments: Kind.all)
    func killedImports(_ kind: Kind) throws {
        var random = Self.delays(for: "killedImports(\(kind))")
        let cli = try kind.cli()
        try cli.initializeAndLogin()
        #expect(try cli.run(["orgs", "create", "Acme"]).status == 0, "\(Self.replay)")
        let size = 1000
        var landed = 0, killed = 0
        for cycle in 0..<Self.cycles {
            let file = cli.home + "/cycle\(cycle).csv"
            let lines = ["email,first_name,last_name,org"] + (0..<size).map { "c\(cycle)-\($0)@example.com,C\($0),Cycle\(cycle),Acme" }
            try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let before = try kind.inspect(cli)
            // Spread the kills from process start-up to past the commit (a server round trip a
            // statement makes PostgreSQL's import slower in a debug build).
            let delay = Double.random(in: 0.05...(kind == .postgres ? 3 : 1.2), using: &random)
            let finished = try runKilled(cli, ["users", "import", file], after: delay)
            let at = "cycle \(cycle), kill after \(delay) s, \(Self.replay)"
            let after = try kind.inspect(cli)
            #expect(after.integrity == "ok", "\(at): \(after.integrity)")
            let added = after.users - before.users
            #expect(added == 0 || added == size, "\(at): \(added) of \(size) users landed")
            // One audit row per user created, all in the same transaction as the users.
            #expect(after.audit - before.audit == added, "\(at): \(after.audit - before.audit) audit rows for \(added) users")
            if added == size { landed += 1 }
            if !finished { killed += 1 }
            let verify = try cli.run(["audit", "verify"])
            #expect(verify.status == 0, "\(at): \(verify.err)")
        }
        print("kill -9 during import (\(kind)): \(Self.cycles) cycles, \(killed) killed, \(landed) imports complete, none partial (\(Self.replay))")
    }

    @Test("a backup killed at any moment leaves either no backup or a sound one, and the live database intact")
    func killedBackups() throws {
        var random = Self.delays(for: "killedBackups()")
        let cli = try CLI()
        try cli.initializeAndLogin()
        let file = cli.home + "/many.csv"
        let lines = ["email,first_name,last_name"] + (0..<3000).map { "m\($0)@example.com,M\($0),Many" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try cli.run(["users", "import", file, "--no-invite"]).status == 0, "\(Self.replay)")
        var sound = 0
        for cycle in 0..<Self.cycles {
            let destination = cli.home + "/backup\(cycle).sqlite"
            let delay = Double.random(in: 0.01...0.4, using: &random)
            _ = try runKilled(cli, ["backup", destination], after: delay)
            let at = "cycle \(cycle), kill after \(delay) s, \(Self.replay)"
            let integrity = try inspect(cli.database).integrity
            #expect(integrity == "ok", "\(at): \(integrity)")
            if FileManager.default.fileExists(atPath: destination) {
                let check = try cli.run(["restore-check", destination])
                #expect(check.status == 0, "\(at): \(check.err)")
                sound += 1
            }
        }
        print("kill -9 during backup: \(Self.cycles) cycles, \(sound) complete backups (all sound), the rest absent (\(Self.replay))")
    }
}

extension CrashCLITests {
    @Test("a bulk lock killed at any moment: every user is locked with its audit row, or untouched without one", arguments: Kind.all)
    func killedBulk(_ kind: Kind) throws {
        var random = Self.delays(for: "killedBulk(\(kind))")
        let cli = try kind.cli()
        try cli.initializeAndLogin()
        let file = cli.home + "/team.csv"
        let lines = ["email,first_name,last_name"] + (0..<300).map { "t\($0)@example.com,T\($0),Team" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try cli.run(["users", "import", file, "--no-invite"]).status == 0, "\(Self.replay)")
        for cycle in 0..<Self.cycles {
            let action = cycle % 2 == 0 ? "lock" : "unlock"
            let delay = Double.random(in: 0.05...1.5, using: &random)
            _ = try runKilled(cli, ["users", "bulk", action, "--filter", "@example.com", "--role", "standard", "--yes"], after: delay)
            let at = "cycle \(cycle) (\(action)), kill after \(delay) s, \(Self.replay)"
            let locked = try kind.count(cli, "SELECT count(*) FROM user WHERE lockedByAdmin")
            let lockRows = try kind.count(cli, "SELECT count(*) FROM auditEntry WHERE action = 'user.lock' AND outcome = 'success'")
            let unlockRows = try kind.count(cli, "SELECT count(*) FROM auditEntry WHERE action = 'user.unlock' AND outcome = 'success'")
            let integrity = try kind.inspect(cli).integrity
            #expect(integrity == "ok", "\(at): \(integrity)")
            // Every lock that landed has its row and every unlock too: the difference is who is locked now.
            #expect(locked == lockRows - unlockRows, "\(at): \(locked) locked, \(lockRows) lock rows, \(unlockRows) unlock rows")
            let verify = try cli.run(["audit", "verify"])
            #expect(verify.status == 0, "\(at): \(verify.err)")
        }
        print("kill -9 during bulk lock/unlock (\(kind)): \(Self.cycles) cycles, every user's change whole with its audit row (\(Self.replay))")
    }
}

/// SplitMix64: a tiny generator that gives the same numbers for the same seed, so that the
/// kill delays of a failed run can be replayed (`ROSTER_CRASH_SEED`).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
