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
@Suite("kill -9", .serialized)
struct CrashCLITests {
    static let cycles = Int(ProcessInfo.processInfo.environment["ROSTER_CRASH_CYCLES"] ?? "") ?? 6

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
        let cli = try kind.cli()
        try cli.initializeAndLogin()
        #expect(try cli.run(["orgs", "create", "Acme"]).status == 0)
        let size = 1000
        var landed = 0, killed = 0
        for cycle in 0..<Self.cycles {
            let file = cli.home + "/cycle\(cycle).csv"
            let lines = ["email,first_name,last_name,org"] + (0..<size).map { "c\(cycle)-\($0)@example.com,C\($0),Cycle\(cycle),Acme" }
            try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let before = try kind.inspect(cli)
            // Spread the kills from process start-up to past the commit (a server round trip a
            // statement makes PostgreSQL's import slower in a debug build).
            let finished = try runKilled(cli, ["users", "import", file], after: Double.random(in: 0.05...(kind == .postgres ? 3 : 1.2)))
            let after = try kind.inspect(cli)
            #expect(after.integrity == "ok", "cycle \(cycle)")
            let added = after.users - before.users
            #expect(added == 0 || added == size, "cycle \(cycle): \(added) of \(size) users landed")
            // One audit row per user created, all in the same transaction as the users.
            #expect(after.audit - before.audit == added, "cycle \(cycle)")
            if added == size { landed += 1 }
            if !finished { killed += 1 }
            let verify = try cli.run(["audit", "verify"])
            #expect(verify.status == 0, "cycle \(cycle): \(verify.err)")
        }
        print("kill -9 during import (\(kind)): \(Self.cycles) cycles, \(killed) killed, \(landed) imports complete, none partial")
    }

    @Test("a backup killed at any moment leaves either no backup or a sound one, and the live database intact")
    func killedBackups() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let file = cli.home + "/many.csv"
        let lines = ["email,first_name,last_name"] + (0..<3000).map { "m\($0)@example.com,M\($0),Many" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try cli.run(["users", "import", file, "--no-invite"]).status == 0)
        var sound = 0
        for cycle in 0..<Self.cycles {
            let destination = cli.home + "/backup\(cycle).sqlite"
            _ = try runKilled(cli, ["backup", destination], after: Double.random(in: 0.01...0.4))
            #expect(try inspect(cli.database).integrity == "ok")
            if FileManager.default.fileExists(atPath: destination) {
                let check = try cli.run(["restore-check", destination])
                #expect(check.status == 0, "cycle \(cycle): \(check.err)")
                sound += 1
            }
        }
        print("kill -9 during backup: \(Self.cycles) cycles, \(sound) complete backups (all sound), the rest absent")
    }
}

extension CrashCLITests {
    @Test("a bulk lock killed at any moment: every user is locked with its audit row, or untouched without one", arguments: Kind.all)
    func killedBulk(_ kind: Kind) throws {
        let cli = try kind.cli()
        try cli.initializeAndLogin()
        let file = cli.home + "/team.csv"
        let lines = ["email,first_name,last_name"] + (0..<300).map { "t\($0)@example.com,T\($0),Team" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try cli.run(["users", "import", file, "--no-invite"]).status == 0)
        for cycle in 0..<Self.cycles {
            let action = cycle % 2 == 0 ? "lock" : "unlock"
            _ = try runKilled(cli, ["users", "bulk", action, "--filter", "@example.com", "--role", "standard", "--yes"],
                              after: Double.random(in: 0.05...1.5))
            let locked = try kind.count(cli, "SELECT count(*) FROM user WHERE lockedByAdmin")
            let lockRows = try kind.count(cli, "SELECT count(*) FROM auditEntry WHERE action = 'user.lock' AND outcome = 'success'")
            let unlockRows = try kind.count(cli, "SELECT count(*) FROM auditEntry WHERE action = 'user.unlock' AND outcome = 'success'")
            let integrity = try kind.inspect(cli).integrity
            #expect(integrity == "ok")
            // Every lock that landed has its row and every unlock too: the difference is who is locked now.
            #expect(locked == lockRows - unlockRows, "cycle \(cycle): \(locked) locked, \(lockRows) lock rows, \(unlockRows) unlock rows")
            #expect(try cli.run(["audit", "verify"]).status == 0)
        }
        print("kill -9 during bulk lock/unlock (\(kind)): \(Self.cycles) cycles, every user's change whole with its audit row")
    }
}
