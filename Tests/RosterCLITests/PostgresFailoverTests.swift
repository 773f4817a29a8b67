import Foundation
import Synchronization
import Testing

/// A primary and a synchronous streaming standby on this machine, Roster given both hosts in
/// one address, the primary killed mid-stream and the standby promoted: every change Roster
/// reported as done is on the new primary, the trail verifies, and the next command goes there.
@Suite("PostgreSQL failover", .serialized, .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
struct PostgresFailoverTests {
    @Test("kill -9 of the primary mid-stream loses no acknowledged change; after promotion the same address writes to the new primary")
    func failover() throws {
        let primary = try PostgresServer(port: 5441)
        defer { primary.remove() }
        try primary.psql("CREATE DATABASE roster")
        let standby = try PostgresServer(port: 5442, from: primary)
        defer { standby.remove() }
        // Synchronous from now on: a commit returns only once the standby has it.
        try primary.psql("ALTER SYSTEM SET synchronous_standby_names = '*'")
        try primary.psql("SELECT pg_reload_conf()")
        try Self.waitUntil("the standby streams synchronously") {
            (try? primary.psql("SELECT sync_state FROM pg_stat_replication").contains("sync")) ?? false
        }

        let both = "host=\(primary.directory),\(standby.directory) port=\(primary.port),\(standby.port) user=postgres dbname=roster "
            + "target_session_attrs=read-write connect_timeout=2"
        let cli = try CLI(database: both)
        try cli.initializeAndLogin()

        // A synchronous commit waits for the standby to hold the change, not to have replayed
        // it: wait until it has, before reading there (in-process commands are quick enough
        // to get ahead of the replay).
        let written = try primary.psql("SELECT pg_current_wal_lsn()").trimmingCharacters(in: .whitespacesAndNewlines)
        try Self.waitUntil("the standby has replayed the new database") {
            (try? standby.psql("SELECT pg_last_wal_replay_lsn() >= '\(written)'::pg_lsn").contains("t")) ?? false
        }

        // While the primary is up, the standby serves reads that write nothing.
        let onStandby = ["ROSTER_DB": standby.address("roster")]
        let standbyVerify = try cli.run(["audit", "verify"], environment: onStandby)
        #expect(standbyVerify.status == 0 && standbyVerify.out.contains("Audit trail intact"), "\(standbyVerify.out)\(standbyVerify.err)")

        // Audited changes, one process each; the primary dies while they run.
        let acknowledged = Mutex<[String]>([])
        let killer = Thread {
            usleep(700_000)
            if let pid = primary.postmasterPID { kill(pid, SIGKILL) }
        }
        killer.start()
        var refused = 0
        for i in 0..<40 {
            let email = "change\(i)@example.com"
            let result = try cli.run(["users", "create", "--email", email, "--first", "Change", "--last", "N\(i)"])
            if result.status == 0 { acknowledged.withLock { $0.append(email) } } else { refused += 1 }
        }
        let done = acknowledged.withLock { $0 }
        #expect(!done.isEmpty, "some changes went through before the kill")
        #expect(refused > 0, "and some were refused once the primary was gone")

        try standby.pgctl(["promote"])
        try Self.waitUntil("the standby takes writes") {
            (try? standby.psql("SELECT pg_is_in_recovery()", database: "roster").trimmingCharacters(in: .whitespacesAndNewlines)) == "f"
        }
        // The same address now finds the new primary; the session opened before still holds.
        let after = try cli.run(["users", "create", "--email", "after@example.com", "--first", "After", "--last", "Failover"])
        #expect(after.status == 0, "\(after.err)")
        let listed = try cli.run(["users", "list", "--filter", "@example.com", "--limit", "1000"]).out
        for email in done { #expect(listed.contains(email), "acknowledged \(email) is on the new primary") }
        #expect(listed.contains("after@example.com"))
        let verify = try cli.run(["audit", "verify"])
        #expect(verify.status == 0 && verify.out.contains("Audit trail intact"), "\(verify.out)\(verify.err)")
        print("failover: \(done.count) changes acknowledged before the kill, \(done.count) found after promotion; \(refused) refused while no primary")
    }

    @Test("a read-only console reads from the standby while the primary is up, and shows a change made on the primary",
          .enabled(if: Tmux.isInstalled, Comment(rawValue: Tmux.missing)))
    func readOnlyConsoleOnStandby() throws {
        let primary = try PostgresServer(port: 5443)
        defer { primary.remove() }
        try primary.psql("CREATE DATABASE roster")
        let standby = try PostgresServer(port: 5444, from: primary)
        defer { standby.remove() }
        let both = "host=\(primary.directory),\(standby.directory) port=\(primary.port),\(standby.port) user=postgres dbname=roster "
            + "target_session_attrs=read-write connect_timeout=2"
        let cli = try CLI(database: both)
        try cli.initializeAndLogin()
        #expect(try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li"]).status == 0)

        let tmux = try Tmux()
        let command = "env HOME=\(cli.home) XDG_CONFIG_HOME=\(cli.home)/config XDG_DATA_HOME=\(cli.home)/share "
            + "'ROSTER_DB=\(both)' ROSTER_SCRYPT_LOG_N=4 TERM=xterm-256color LANG=C.UTF-8 TZ=UTC "
            + "\(CLI.binary) --read-only; echo ROSTER-EXITED-$?; sleep 120"
        try tmux.run(["new-session", "-d", "-s", "t", "-x", "120", "-y", "30", command])
        _ = try tmux.wait(for: "the sign-in form") { $0.contains("Email") && $0.contains("Password") }
        // Signing in writes a session and its audit row: those go to the primary.
        try tmux.signIn("admin@example.com", CLI.adminPassword)
        _ = try tmux.wait(for: "the users table") { $0.contains(" of 2") }
        let onStandby = try standby.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'roster' AND backend_type = 'client backend'")
        #expect((Int(onStandby.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0, "the console's reads reach the standby")
        #expect(try cli.run(["users", "lock", "bo@example.com", "--yes"]).status == 0)
        _ = try tmux.wait(for: "Bo shown locked, read from the standby", timeout: 5) { screen in
            screen.split(separator: "\n").contains { $0.contains("bo@example.com") && $0.contains("locked") }
        }
        try tmux.run(["send-keys", "-t", "t", "q"])
        _ = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-0") }
    }

    static func waitUntil(_ what: String, timeout: TimeInterval = 30, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else { throw PostgresFailure("timed out waiting until \(what)") }
            usleep(100_000)
        }
    }
}
