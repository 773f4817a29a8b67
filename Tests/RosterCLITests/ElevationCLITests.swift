import Foundation
import Testing

/// `users elevate`, `users elevations`, `users end-elevation`: the same service calls as the
/// console, with the CLI's exit codes.
@Suite("Elevation commands")
struct ElevationCLITests {
    func prepared() throws -> CLI {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li"]).status == 0)
        return cli
    }

    @Test("lend a role, list it, end it early; each on the record")
    func lifecycle() throws {
        let cli = try prepared()
        let lent = try cli.run(["users", "elevate", "bo@example.com", "--role", "operations-admin", "--for", "2h",
                                "--reason", "INC-42 failover"])
        #expect(lent.status == 0 && lent.out.contains("bo@example.com is Operations admin until"), "\(lent.err)")
        let listed = try cli.run(["users", "elevations", "--active", "--output", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows.first?["role"] as? String == "Operations admin" && rows.first?["state"] as? String == "active")
        #expect(rows.first?["reason"] as? String == "INC-42 failover" && rows.first?["grantedBy"] as? String == "admin@example.com")
        let shown = try cli.run(["users", "show", "bo@example.com", "--json"]).out
        #expect(shown.contains("\"role\" : \"standard\"") && shown.contains("\"reason\" : \"INC-42 failover\""),
                "the stored role is unchanged, the lent one beside it: \(shown)")
        #expect(try cli.run(["users", "show", "bo@example.com"]).out.contains("Elevated        Operations admin until"))
        let ended = try cli.run(["users", "end-elevation", "bo@example.com"])
        #expect(ended.status == 0 && ended.out.contains("elevation ended"), "\(ended.err)")
        #expect(try cli.run(["users", "elevations", "--active"]).out.contains("Nobody holds a lent role now."))
        let trail = try cli.run(["audit", "list", "--output", "csv"]).out
        #expect(trail.contains("user.elevate") && trail.contains("user.end-elevation"))
        #expect(try cli.run(["users", "end-elevation", "bo@example.com"]).err.contains("holds no elevation now"))
    }

    @Test("bad input is refused with one line that says what to do, and writes nothing", arguments: [
        (["--role", "operations-admin", "--for", "9h", "--reason", "x"], "at most 8 hours", Int32(3)),
        (["--role", "operations-admin", "--for", "soon", "--reason", "x"], "not a duration", Int32(64)),
        (["--role", "wizard", "--for", "1h", "--reason", "x"], "wizard", Int32(64)),
        (["--role", "org-admin", "--for", "1h", "--reason", "x"], "needs --org", Int32(64)),
        (["--role", "operations-admin", "--org", "Acme", "--for", "1h", "--reason", "x"], "--org goes with --role org-admin", Int32(64)),
        (["--role", "operations-admin", "--for", "1h", "--reason", " "], "reason must not be empty", Int32(1)),
    ])
    func badInput(_ options: [String], _ message: String, _ status: Int32) throws {
        let cli = try prepared()
        let result = try cli.run(["users", "elevate", "bo@example.com"] + options)
        #expect(result.status == status && result.err.contains(message), "\(result.status) \(result.err)")
        #expect(try cli.run(["users", "elevations"]).out.contains("No role has been lent."))
    }

    @Test("nobody elevates themselves")
    func notSelf() throws {
        let cli = try prepared()
        let result = try cli.run(["users", "elevate", "admin@example.com", "--role", "administrator", "--for", "1h", "--reason", "x"])
        #expect(result.status == 3 && result.err.contains("may not elevate your own account"), "\(result.err)")
    }
}
