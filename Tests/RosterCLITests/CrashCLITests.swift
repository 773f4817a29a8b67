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

    @Test("an import killed at any moment is all there or not there, and the audit chain holds")
    func killedImports() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["orgs", "create", "Acme"]).status == 0)
        let size = 1000
        var landed = 0, killed = 0
        for cycle in 0..<Self.cycles {
            let file = cli.home + "/cycle\(cycle).csv"
            let lines = ["email,first_name,last_name,org"] + (0..<size).map { "c\(cycle)-\($0)@example.com,C\($0),Cycle\(cycle),Acme" }
            try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let before = try inspect(cli.database)
            // Spread the kills from process start-up to past the commit.
            let finished = try runKilled(cli, ["users", "import", file], after: Double.random(in: 0.05...1.2))
            let after = try inspect(cli.database)
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
        print("kill -9 during import: \(Self.cycles) cycles, \(killed) killed, \(landed) imports complete, none partial")
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
    @Test("a bulk lock killed at any moment: every user is locked with its audit row, or untouched without one")
    func killedBulk() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let file = cli.home + "/team.csv"
        let lines = ["email,first_name,last_name"] + (0..<300).map { "t\($0)@example.com,T\($0),Team" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try cli.run(["users", "import", file, "--no-invite"]).status == 0)
        for cycle in 0..<Self.cycles {
            let action = cycle % 2 == 0 ? "lock" : "unlock"
            _ = try runKilled(cli, ["users", "bulk", action, "--filter", "@example.com", "--role", "standard", "--yes"],
                              after: Double.random(in: 0.05...1.5))
            let queue = try DatabaseQueue(path: cli.database)
            let (locked, lockRows, unlockRows, integrity) = try queue.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM user WHERE lockedByAdmin") ?? -1,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM auditEntry WHERE action = 'user.lock' AND outcome = 'success'") ?? -1,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM auditEntry WHERE action = 'user.unlock' AND outcome = 'success'") ?? -1,
                 try String.fetchAll(db, sql: "PRAGMA integrity_check").joined())
            }
            try queue.close()
            #expect(integrity == "ok")
            // Every lock that landed has its row and every unlock too: the difference is who is locked now.
            #expect(locked == lockRows - unlockRows, "cycle \(cycle): \(locked) locked, \(lockRows) lock rows, \(unlockRows) unlock rows")
            #expect(try cli.run(["audit", "verify"]).status == 0)
        }
        print("kill -9 during bulk lock/unlock: \(Self.cycles) cycles, every user's change whole with its audit row")
    }
}
