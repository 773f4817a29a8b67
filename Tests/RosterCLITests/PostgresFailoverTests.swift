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

    static func waitUntil(_ what: String, timeout: TimeInterval = 30, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else { throw PostgresFailure("timed out waiting until \(what)") }
            usleep(100_000)
        }
    }
}
