import Foundation
import Testing

/// Destructive commands ask on a terminal and need --yes elsewhere; --dry-run reports exactly
/// what would change and keeps nothing.
@Suite("Destructive commands")
struct DestructiveCLITests {
    func prepared() throws -> CLI {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li"]).status == 0)
        return cli
    }

    @Test("without a terminal and without --yes: exit 64, nothing changed", arguments: [
        ["users", "deactivate", "bo@example.com"], ["users", "lock", "bo@example.com"], ["users", "reset-mfa", "bo@example.com"],
        ["users", "end-sessions", "bo@example.com"],
    ])
    func needsYes(arguments: [String]) throws {
        let cli = try prepared()
        let head = try cli.run(["audit", "head"]).out
        let result = try cli.run(arguments)
        #expect(result.status == 64 && result.err.contains("add --yes"), "\(result.err)")
        #expect(try cli.run(["audit", "head"]).out == head)
    }

    @Test("--dry-run reports the change and keeps nothing, not even the audit row")
    func dryRun() throws {
        let cli = try prepared()
        let head = try cli.run(["audit", "head"]).out
        let dry = try cli.run(["users", "deactivate", "bo@example.com", "--dry-run"])
        #expect(dry.status == 0, "\(dry.err)")
        #expect(dry.out.hasPrefix("Dry run, nothing was kept.") && dry.out.contains("Deactivated bo@example.com"), "\(dry.out)")
        #expect(try cli.run(["users", "show", "bo@example.com", "--json"]).out.contains("\"status\" : \"active\""))
        #expect(try cli.run(["audit", "head"]).out == head)
        // A dry run is refused as the real run would be, with the same exit code.
        let refused = try cli.run(["users", "deactivate", "admin@example.com", "--dry-run"])
        #expect(refused.status == 3, "\(refused.err)")
        // The refusal itself is on the record, dry run or not, and the chain still holds.
        let denied = try cli.run(["audit", "list", "--outcome", "denied", "--action", "user.deactivate", "--output", "csv"]).out
        #expect(denied.contains("admin@example.com"), "\(denied)")
        #expect(try cli.run(["audit", "verify"]).status == 0)
        let real = try cli.run(["users", "deactivate", "bo@example.com", "--yes"])
        #expect(real.status == 0 && real.out.hasPrefix("Deactivated bo@example.com"))
    }

    @Test("delete takes a dry run too, and still needs the email typed for real")
    func deleteDryRun() throws {
        let cli = try prepared()
        #expect(try cli.run(["users", "delete", "bo@example.com", "--dry-run"]).out.contains("Deleted bo@example.com"))
        #expect(try cli.run(["users", "show", "bo@example.com"]).status == 0)
        #expect(try cli.run(["users", "delete", "bo@example.com", "--confirm", "bo@example.com"]).status == 0)
        #expect(try cli.run(["users", "show", "bo@example.com"]).status == 6)
    }
}

@Suite("Groups")
struct GroupsCLITests {
    @Test("create, list with counts, add and remove members, rename, delete; each audited")
    func lifecycle() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["orgs", "create", "Acme"]).status == 0)
        #expect(try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li", "--org", "Acme"]).status == 0)
        #expect(try cli.run(["users", "create", "--email", "cy@example.com", "--first", "Cy", "--last", "Ng"]).status == 0)
        #expect(try cli.run(["groups", "create", "Acme", "Night shift"]).status == 0)
        #expect(try cli.run(["groups", "add-member", "Acme", "night shift", "bo@example.com"]).status == 0)
        // Only members of the org may join its groups.
        let outsider = try cli.run(["groups", "add-member", "Acme", "Night shift", "cy@example.com"])
        #expect(outsider.status == 1 && outsider.err.contains("not a member"), "\(outsider.err)")
        let list = try cli.run(["groups", "list", "Acme", "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]]
        #expect(rows?.first?["name"] as? String == "Night shift" && rows?.first?["members"] as? Int == 1)
        #expect(try cli.run(["groups", "members", "Acme", "Night shift"]).out == "bo@example.com\n")
        #expect(try cli.run(["groups", "rename", "Acme", "Night shift", "Nights"]).status == 0)
        #expect(try cli.run(["groups", "remove-member", "Acme", "Nights", "bo@example.com"]).status == 0)
        #expect(try cli.run(["groups", "delete", "Acme", "Nights"]).status == 64)
        #expect(try cli.run(["groups", "delete", "Acme", "Nights", "--yes"]).status == 0)
        #expect(try cli.run(["groups", "list", "Acme"]).out.contains("no groups"))
        let audit = try cli.run(["audit", "list"]).out
        for action in ["group.create", "group.add-member", "group.rename", "group.remove-member", "group.delete"] {
            #expect(audit.contains(action), "\(action)")
        }
        #expect(try cli.run(["groups", "members", "Acme", "Nope"]).status == 6)
    }
}

@Suite("Bulk from the command line")
struct BulkCLITests {
    @Test("a bulk lock of a filtered set: counted, needs --yes, locks only the set, lists the refusals, exits 3 for them")
    func bulkLock() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["orgs", "create", "Acme"]).status == 0)
        let file = cli.home + "/team.csv"
        let csv = "email,first_name,last_name,org\n" + (0..<12).map { "m\($0)@example.com,M\($0),Member,Acme" }.joined(separator: "\n")
            + "\nout@example.com,Out,Sider,\n"
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try cli.run(["users", "import", file, "--no-invite"]).status == 0)
        #expect(try cli.run(["users", "bulk", "lock", "--org", "Acme"]).status == 64)
        #expect(try cli.run(["users", "bulk", "lock"]).status == 64)
        let result = try cli.run(["users", "bulk", "lock", "--org", "Acme", "--yes", "--json"])
        #expect(result.status == 0, "\(result.err)")
        let body = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any]
        #expect((body?["done"] as? [String])?.count == 12 && body?["selected"] as? Int == 12)
        let locked = try cli.run(["users", "list", "--locked", "--output", "csv"]).out
        #expect(locked.split(separator: "\n").count == 13 && !locked.contains("out@example.com"), "\(locked)")
        // The administrator's own account is in this set: refused, listed, exit 3; the others unlocked.
        let mixed = try cli.run(["users", "bulk", "lock", "--filter", "example.com", "--no-locked", "--yes"])
        #expect(mixed.status == 3 && mixed.out.contains("refused  admin@example.com"), "\(mixed.out)")
        #expect(try cli.run(["users", "show", "out@example.com", "--json"]).out.contains("\"lockedByAdmin\" : true"))
    }
}

@Suite("JSON from writes")
struct WriteJSONCLITests {
    @Test("a write prints the changed record with --json: users, orgs, groups; a delete prints null")
    func writesPrintRecords() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li"]).status == 0)
        func object(_ arguments: [String]) throws -> [String: Any] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.err)")
            return try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any] ?? [:]
        }
        let locked = try object(["users", "lock", "bo@example.com", "--yes", "--json"])
        #expect((locked["user"] as? [String: Any])?["lockedByAdmin"] as? Bool == true)
        #expect((locked["message"] as? String)?.hasPrefix("Locked") == true)
        let renamed = try object(["users", "edit", "bo@example.com", "--last", "Lee", "--json"])
        #expect((renamed["user"] as? [String: Any])?["lastName"] as? String == "Lee")
        let required = try object(["users", "edit", "bo@example.com", "--require-mfa", "--json"])
        #expect((required["user"] as? [String: Any])?["mfaEnrollmentRequired"] as? Bool == true)
        let legacy = try cli.run(["users", "edit", "bo@example.com", "--require-mfa", "false"])
        #expect(legacy.status == 0 && legacy.err.contains("is now `--no-require-mfa`"), "\(legacy.err)")
        let lifted = try object(["users", "show", "bo@example.com", "--json"])
        #expect(lifted["mfaEnrollmentRequired"] as? Bool == false, "the old spelling did what it said")
        let role = try object(["users", "set-role", "bo@example.com", "accounts-admin", "--json"])
        #expect((role["user"] as? [String: Any])?["role"] as? String == "accounts-admin")
        let dry = try object(["users", "deactivate", "bo@example.com", "--dry-run", "--json"])
        #expect(dry["dryRun"] as? Bool == true && (dry["user"] as? [String: Any])?["status"] as? String == "active")
        #expect(try cli.run(["orgs", "create", "Acme"]).status == 0)
        let limited = try object(["orgs", "limits", "Acme", "--standard", "5", "--json"])
        #expect((limited["org"] as? [String: Any])?["standardUserLimit"] as? Int == 5)
        #expect(try cli.run(["orgs", "add-member", "Acme", "bo@example.com"]).status == 0)
        let members = try cli.run(["orgs", "members", "Acme", "--json"])
        #expect(members.out.contains("\"email\" : \"bo@example.com\"") && members.out.contains("\"role\" : \"member\""))
        #expect(try cli.run(["groups", "create", "Acme", "Nights"]).status == 0)
        let group = try object(["groups", "rename", "Acme", "Nights", "Night shift", "--json"])
        #expect((group["group"] as? [String: Any])?["name"] as? String == "Night shift")
        let deleted = try object(["users", "delete", "bo@example.com", "--confirm", "bo@example.com", "--json"])
        #expect(deleted["user"] is NSNull || deleted["user"] == nil)
        let orgs = try cli.run(["orgs", "list", "--json"]).out
        #expect(orgs.contains("\"name\" : \"Acme\"") && orgs.contains("\"standardUserLimit\" : 5"))
    }
}

@Suite("Bulk guards")
struct BulkGuardCLITests {
    @Test("a blank --filter is no filter: refused, nothing changed; a control character in --filter is refused")
    func blankFilter() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li"]).status == 0)
        #expect(try cli.run(["users", "bulk", "deactivate", "--filter", "  ", "--yes"]).status == 64)
        #expect(try cli.run(["users", "bulk", "lock", "--filter", "b\u{1B}[31m", "--yes"]).status == 64)
        #expect(try cli.run(["users", "show", "bo@example.com", "--json"]).out.contains("\"status\" : \"active\""))
    }
}
