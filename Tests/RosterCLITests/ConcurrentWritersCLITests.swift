import Foundation
import Synchronization
import Testing

/// Several `roster` processes writing one database at once, for a fixed time: edits racing
/// on one user with --expect-version, imports, locks. CI runs 4 seconds;
/// `ROSTER_CONCURRENCY_SECONDS=60 swift test --filter ConcurrentWritersCLITests` runs longer.
@Suite("Concurrent writers")
struct ConcurrentWritersCLITests {
    static let seconds = Double(ProcessInfo.processInfo.environment["ROSTER_CONCURRENCY_SECONDS"] ?? "") ?? 4

    struct Tally: Sendable {
        var edits: [(version: Int, name: String)] = []
        var stale = 0
        var imports = 0
        var locks = 0
        var problems: [String] = []
    }

    final class Shared: Sendable {
        let tally = Mutex(Tally())
    }

    @Test("no 'database is locked' reaches a person, stale edits are refused, no update or import is lost",
          arguments: CrashCLITests.Kind.all)
    func writersTogether(_ kind: CrashCLITests.Kind) throws {
        // Separate processes, as the race is between them; on PostgreSQL every process is a
        // host of its own, with its own connections.
        let cli = try kind.cli().spawned
        try cli.initializeAndLogin()
        for email in ["race@example.com", "lock@example.com"] {
            #expect(try cli.run(["users", "create", "--email", email, "--first", "Start", "--last", "Zero"]).status == 0)
        }
        let shared = Shared()
        let deadline = Date().addingTimeInterval(Self.seconds)
        @Sendable func note(_ result: CLI.Result, _ what: String) {
            if result.err.localizedCaseInsensitiveContains("locked") && !what.hasPrefix("lock")
                || result.err.localizedCaseInsensitiveContains("busy") {
                shared.tally.withLock { $0.problems.append("\(what): \(result.err)") }
            }
        }
        let group = DispatchGroup()
        // Threads of their own, not the shared dispatch pool: other suites running in parallel
        // could hold its threads until the deadline has passed, and a writer would never start.
        func spawn(_ body: @escaping @Sendable () -> Void) {
            group.enter()
            Thread { body(); group.leave() }.start()
        }
        // Two editors on the same user, each reading the version and writing with it.
        for editor in 0..<2 {
            spawn {
                var n = 0
                while Date() < deadline {
                    n += 1
                    guard let shown = try? cli.run(["users", "show", "race@example.com", "--json"]),
                          let json = try? JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any],
                          let version = json["version"] as? Int else { continue }
                    let name = "E\(editor)n\(n)"
                    guard let result = try? cli.run(["users", "edit", "race@example.com", "--last", name, "--expect-version", String(version)]) else { continue }
                    note(result, "edit")
                    shared.tally.withLock { tally in
                        switch result.status {
                        case 0: tally.edits.append((version, name))
                        case 5: tally.stale += 1
                        default: tally.problems.append("edit exit \(result.status): \(result.err)")
                        }
                    }
                }
            }
        }
        // An importer adding new users file after file.
        spawn {
            var batch = 0
            while Date() < deadline {
                batch += 1
                let file = cli.home + "/batch\(batch).csv"
                let lines = ["email,first_name,last_name"] + (0..<25).map { "b\(batch)-\($0)@example.com,B\($0),Batch" }
                try? (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
                guard let result = try? cli.run(["users", "import", file, "--no-invite"]) else { continue }
                note(result, "import")
                shared.tally.withLock { if result.status == 0 { $0.imports += 1 } else { $0.problems.append("import: \(result.err)") } }
            }
        }
        // A third operator locking and unlocking another user.
        spawn {
            var locked = false
            while Date() < deadline {
                guard let result = try? cli.run(locked ? ["users", "unlock", "lock@example.com"] : ["users", "lock", "lock@example.com", "--yes"]) else { continue }
                note(result, "lock")
                shared.tally.withLock { if result.status == 0 { $0.locks += 1 } else { $0.problems.append("lock: \(result.err)") } }
                if result.status == 0 { locked.toggle() }
            }
        }
        group.wait()

        let final = shared.tally.withLock { $0 }
        #expect(final.problems.isEmpty, "\(final.problems.prefix(5))")
        #expect(final.imports > 0 && final.locks > 0 && !final.edits.isEmpty)
        // Every accepted edit moved the version by exactly one; the last one's name is what is stored.
        let shown = try cli.run(["users", "show", "race@example.com", "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any]
        let versions = final.edits.map(\.version)
        #expect(Set(versions).count == versions.count, "two edits were accepted at the same version")
        #expect(json?["version"] as? Int == 1 + final.edits.count)
        #expect(json?["lastName"] as? String == final.edits.max { $0.version < $1.version }?.name)
        // Every import landed whole: 25 users each, plus the three made first.
        let count = try cli.run(["users", "list", "--all", "--output", "csv"]).out.split(separator: "\n").count - 1
        #expect(count == 3 + 25 * final.imports)
        #expect(try cli.run(["audit", "verify"]).status == 0)
        print("concurrent writers, \(Self.seconds) s: \(final.edits.count) edits, \(final.stale) stale edits refused, "
            + "\(final.imports) imports (\(25 * final.imports) users), \(final.locks) locks/unlocks, 0 'database is locked'")
    }
}
