import Foundation
import GRDB
import Testing

@Suite("roster command line", .serialized)
struct CLITests {
    @Test("init creates the first administrator once, and prints the password once")
    func initOnce() throws {
        let cli = try CLI()
        let first = try cli.run(["init", "--email", "Root@Example.com", "--first", "Ada", "--last", "Admin"])
        #expect(first.status == 0)
        #expect(first.out.contains("Administrator: root@example.com"))
        #expect(first.out.contains("Password:"))
        let second = try cli.run(["init", "--email", "other@example.com", "--first", "B", "--last", "C"])
        #expect(second.status == 1)
        #expect(second.err.contains("already has users"))
    }

    @Test("init without --email and without a terminal says which flag is missing, and creates nothing")
    func initNoTTY() throws {
        let cli = try CLI()
        let result = try cli.run(["init", "--first", "A", "--last", "B"])
        #expect(result.status == 1 && result.err.contains("Missing --email"))
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test("login stores the session in a 0600 file; logout ends it")
    func loginLogout() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let file = cli.home + "/config/roster/sessions.json"
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try cli.run(["whoami"]).out.contains("admin@example.com (Administrator)"))
        #expect(try cli.run(["logout"]).status == 0)
        let after = try cli.run(["users", "list"])
        #expect(after.status == 4 && after.err.contains("not signed in"))
    }

    @Test("a wrong password and an unknown email fail the same way")
    func failedLogin() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let wrong = try cli.run(["login", "--email", "admin@example.com", "--password-stdin"], stdin: "nope\n")
        let unknown = try cli.run(["login", "--email", "ghost@example.com", "--password-stdin"], stdin: "nope\n")
        #expect(wrong.status == 4 && unknown.status == 4)
        #expect(wrong.err == unknown.err)
    }

    @Test("users create and list, as a table and as JSON, with a filter and a sort")
    func createAndList() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["users", "create", "--email", "mei@example.com", "--first", "Mei", "--last", "Tanaka"]).status == 0)
        #expect(try cli.run(["users", "create", "--email", "zoe@example.com", "--first", "Zoë", "--last", "Ng", "--role", "accounts-admin"]).status == 0)
        let table = try cli.run(["users", "list", "--filter", "tanaka"])
        #expect(table.out.contains("mei@example.com") && !table.out.contains("zoe@example.com"))
        let json = try cli.run(["users", "list", "--json", "--sort", "email:desc"])
        struct Page: Decodable { struct U: Decodable { var email: String; var role: String }; var users: [U]; var next: String? }
        let page = try JSONDecoder().decode(Page.self, from: Data(json.out.utf8))
        #expect(page.users.map(\.email) == ["zoe@example.com", "mei@example.com", "admin@example.com"])
        #expect(page.users.first?.role == "accounts-admin")
        #expect(page.next == nil)
    }

    @Test("pages continue with the printed cursor until the end")
    func paging() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        for i in 0..<5 {
            #expect(try cli.run(["users", "create", "--email", "u\(i)@example.com", "--first", "U", "--last", "\(i)"]).status == 0)
        }
        struct Page: Decodable { struct U: Decodable { var email: String }; var users: [U]; var next: String? }
        var emails: [String] = []
        var arguments = ["users", "list", "--json", "--limit", "2", "--sort", "email"]
        while true {
            let page = try JSONDecoder().decode(Page.self, from: Data(try cli.run(arguments).out.utf8))
            emails += page.users.map(\.email)
            guard let next = page.next else { break }
            arguments = ["users", "list", "--json", "--limit", "2", "--sort", "email", "--after", next]
        }
        #expect(emails == ["admin@example.com"] + (0..<5).map { "u\($0)@example.com" })
        let bad = try cli.run(["users", "list", "--after", "garbage!"])
        #expect(bad.status == 1 && bad.err.contains("not a cursor"))
    }

    @Test("hostile names are refused on the way in, and printed as visible escapes on the way out")
    func sanitizedOutput() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let refused = try cli.run(["users", "create", "--email", "evil@example.com", "--first", "\u{1b}[2J\u{1b}]0;pwned\u{07}", "--last", "\u{202e}lave"])
        #expect(refused.status == 1 && refused.err.contains("U+001B") && !refused.err.contains("\u{1b}"), "\(refused.err)")
        #expect(try cli.run(["users", "show", "evil@example.com"]).status == 6, "nothing was written")
        for (first, last) in [("Za\u{2028}ne", "Doe"), ("Ann", "\u{2066}Lee"), ("Bob", String(repeating: "e\u{301}", count: 300))] {
            let result = try cli.run(["users", "create", "--email", "x@example.com", "--first", first, "--last", last])
            #expect(result.status == 1, "\(first) \(last): \(result.out)")
        }
        // A name stored before these checks existed, or by a direct edit of the file, still prints safely.
        let queue = try DatabaseQueue(path: cli.database)
        try queue.write { db in
            try db.execute(sql: "UPDATE user SET firstName = ?, lastName = ? WHERE email = 'admin@example.com'",
                           arguments: ["\u{1b}[2J\u{1b}]0;pwned\u{07}", "\u{202e}lave"])
        }
        try queue.close()
        let table = try cli.run(["users", "list"])
        #expect(!table.out.contains("\u{1b}") && !table.out.contains("\u{202e}"))
        #expect(table.out.contains("\\x1b[2J") && table.out.contains("\\u202e"))
        let json = try cli.run(["users", "list", "--json"])
        #expect(!json.out.contains("\u{1b}") && !json.out.contains("\u{202e}"))
        #expect(json.out.contains("\\u202e"))
    }

    @Test("bad input gets one clear line, a non-zero exit, and writes nothing", arguments: [
        (["users", "create", "--email", "nope", "--first", "A", "--last", "B"], "not a valid email address", Int32(1)),
        (["users", "create", "--email", "ADMIN@example.com", "--first", "A", "--last", "B"], "already exists", Int32(1)),
        (["users", "create", "--email", "a@example.com", "--first", " ", "--last", "B"], "First name must not be empty", Int32(1)),
        (["users", "create", "--email", "a@example.com", "--first", "A", "--last", "B", "--role", "king"], "The value 'king' is invalid for '--role", Int32(64)),
        (["users", "set-role", "admin@example.com", "standard"], "your own account", Int32(3)),
        (["users", "deactivate", "nobody@example.com"], "No user matches", Int32(6)),
    ])
    func badInput(arguments: [String], message: String, status: Int32) throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let usersBefore = try cli.run(["users", "list", "--json"]).out
        let result = try cli.run(arguments)
        #expect(result.status == status)
        #expect(result.err.contains(message), "\(result.err)")
        // Usage errors (64) are ArgumentParser's: the reason, then the usage line.
        #expect(status == 64 || result.err.split(separator: "\n").count == 1)
        #expect(try cli.run(["users", "list", "--json"]).out == usersBefore)
    }

    @Test("a directory, a non-database file, a newer schema: clear errors, files untouched")
    func badDatabases() throws {
        let cli = try CLI()
        let dir = try cli.run(["--db", cli.home, "users", "list"])
        #expect(dir.status == 1 && dir.err.contains("is a directory"))

        let text = cli.home + "/notes.txt"
        try "just some notes\n".write(toFile: text, atomically: true, encoding: .utf8)
        let notDB = try cli.run(["users", "list", "--db", text])
        #expect(notDB.status == 1 && notDB.err.contains("not a Roster database"))
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "just some notes\n")

        try cli.initializeAndLogin()
        let queue = try DatabaseQueue(path: cli.database)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v999-future')") }
        try queue.close()
        let newer = try cli.run(["users", "list"])
        #expect(newer.status == 1 && newer.err.contains("newer version of roster"))
    }

    @Test("audit verify passes on a fresh database and fails after one row is edited")
    func auditVerify() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        _ = try cli.run(["users", "create", "--email", "x@example.com", "--first", "X", "--last", "Y"])
        let intact = try cli.run(["audit", "verify"])
        // One more than before the two-person rule: init turns it off (`--approval-required-for none`).
        #expect(intact.status == 0 && intact.out.contains("intact: 5 row(s)"), "\(intact.out)")
        let queue = try DatabaseQueue(path: cli.database)
        try queue.write { db in try db.execute(sql: "UPDATE auditEntry SET target = 'someone-else@example.com' WHERE id = 2") }
        try queue.close()
        let broken = try cli.run(["audit", "verify"])
        #expect(broken.status == 1 && broken.err.contains("broken at row 2"))
    }

    @Test("recover sets a new password for an administrator and audits it as a recovery")
    func recover() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let recovered = try cli.run(["recover", "admin@example.com"], environment: ["SSH_CONNECTION": "203.0.113.50 5000 10.0.0.2 22"])
        #expect(recovered.status == 0)
        let password = try #require(recovered.out.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        #expect(try cli.run(["login", "--email", "admin@example.com", "--password-stdin"], stdin: password + "\n").status == 0)
        let blocked = try cli.run(["audit", "list"])
        #expect(blocked.status == 4 && blocked.err.contains("roster passwd"), "a recovered password must be changed first")
        #expect(try cli.run(["passwd", "--password-stdin"], stdin: "\(password)\nfresh meadow after rain\n").status == 0)
        let audit = try cli.run(["audit", "list", "--json", "--limit", "5"])
        #expect(audit.out.contains("\"action\" : \"user.recover\"") && audit.out.contains("\"actor\" : \"system:recovery\""))
        #expect(audit.out.contains("203.0.113.50"))
    }

    @Test("--db may come before the subcommand")
    func globalDatabaseOption() throws {
        let cli = try CLI()
        let other = cli.home + "/elsewhere.sqlite"
        #expect(try cli.run(["--db", other, "init", "--email", "a@example.com", "--first", "A", "--last", "B"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test("every listing takes --output table|json|csv (and --json); export's file flag is --file, the old --output still works with a warning")
    func oneOutputShape() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["orgs", "create", "Acme"]).status == 0)
        let key = try cli.run(["keys", "create", "--name", "ci", "--scope", "read"])
        #expect(key.status == 0, "\(key.err)")
        let secret = key.out.trimmingCharacters(in: .whitespacesAndNewlines)
        for command in [["users", "list"], ["orgs", "list"], ["audit", "list"], ["keys", "list"], ["mail", "list"], ["resets", "list"], ["settings", "list"],
                        ["users", "sessions", "admin@example.com"], ["users", "ssh-keys", "list", "admin@example.com"],
                        ["users", "ip-rules", "list", "admin@example.com"], ["orgs", "members", "Acme"], ["groups", "list", "Acme"]] {
            for flags in [["--output", "json"], ["--json"]] {
                let json = try cli.run(command + flags)
                #expect(json.status == 0 && (try? JSONSerialization.jsonObject(with: Data(json.out.utf8))) != nil,
                        "\(command) \(flags): \(json.out.prefix(200)) \(json.err)")
                #expect(!json.out.contains(secret), "a key's secret is never printed again")
            }
            let csv = try cli.run(command + ["--output", "csv"])
            #expect(csv.status == 0 && csv.out.split(separator: "\n").first?.contains(",") == true, "\(command): \(csv.out.prefix(200)) \(csv.err)")
            #expect(try cli.run(command + ["--output", "table"]).status == 0)
        }
        let keys = try JSONSerialization.jsonObject(with: Data(try cli.run(["keys", "list", "--json"]).out.utf8)) as? [[String: Any]]
        #expect(keys?.first?["name"] as? String == "ci" && keys?.first?["secretHash"] == nil && keys?.first?["state"] as? String == "active")
        let file = cli.home + "/users.csv"
        let old = try cli.run(["users", "export", "--output", file])
        #expect(old.status == 0 && old.err.contains("now `--file FILE`") && FileManager.default.fileExists(atPath: file), "\(old.err)")
        let new = try cli.run(["users", "export", "--file", cli.home + "/again.csv"])
        #expect(new.status == 0 && !new.err.contains("warning"), "\(new.err)")
        let audit = try cli.run(["audit", "export", "-o", cli.home + "/audit.jsonl"])
        #expect(audit.status == 0 && !audit.err.contains("warning") && FileManager.default.fileExists(atPath: cli.home + "/audit.jsonl"), "\(audit.err)")
        let oldAudit = try cli.run(["audit", "export", "--output", cli.home + "/audit2.jsonl"])
        #expect(oldAudit.status == 0 && oldAudit.err.contains("`audit export --output FILE` is now `--file FILE`"), "\(oldAudit.err)")
        #expect(try cli.run(["audit", "export", "--file", "a", "--output", "b"]).status == 64, "one file, not two")
    }

    @Test("user, org and group changes answer --json in one shape: message, dryRun and the record afterwards; an org dry run keeps nothing")
    func oneChangeShape() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["orgs", "create", "Acme"]).status == 0)
        #expect(try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li", "--org", "Acme"]).status == 0)
        func object(_ arguments: [String]) throws -> [String: Any] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.err)")
            return try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any] ?? [:]
        }
        let dry = try object(["orgs", "remove-member", "Acme", "bo@example.com", "--dry-run", "--json"])
        #expect(dry["dryRun"] as? Bool == true && (dry["message"] as? String)?.contains("Removed bo@example.com") == true && dry["org"] is [String: Any])
        #expect(try cli.run(["orgs", "members", "Acme"]).out.contains("bo@example.com"), "a dry run keeps nothing")
        let locked = try object(["orgs", "lock", "Acme", "--json"])
        #expect(locked["dryRun"] as? Bool == false && (locked["org"] as? [String: Any])?["locked"] as? Bool == true)
        #expect(try cli.run(["orgs", "unlock", "Acme"]).status == 0)
        let group = try object(["groups", "create", "Acme", "Ops", "--json"])
        #expect(group["dryRun"] as? Bool == false && group["org"] is [String: Any], "\(group)")
        let deleted = try object(["groups", "delete", "Acme", "Ops", "--yes", "--json"])
        #expect(deleted["dryRun"] as? Bool == false && deleted.keys.contains("group") && deleted["group"] is NSNull, "\(deleted)")
        let user = try object(["users", "lock", "bo@example.com", "--yes", "--json"])
        #expect(user["dryRun"] as? Bool == false && (user["user"] as? [String: Any])?["email"] as? String == "bo@example.com")
    }
}
