import ArgumentParser
import Testing
@testable import roster

/// Parse-only tests, as swift-argument-parser tests its own commands: no database, no process.
@Suite("Parsing every command")
struct ParseTests {
    /// Every command with its path, found by walking the command tree.
    static let commands: [(path: [String], type: any ParsableCommand.Type)] = {
        func walk(_ command: any ParsableCommand.Type, _ path: [String]) -> [([String], any ParsableCommand.Type)] {
            let children = command.configuration.subcommands
            if children.isEmpty { return [(path, command)] }
            return children.flatMap { child in walk(child, path + [child.configuration.commandName ?? child._commandName]) }
        }
        return walk(RosterCLI.self, [])
    }()

    @Test("every command's definition is valid and its help shows its full usage line")
    func everyCommandHasHelp() throws {
        #expect(Self.commands.count >= 78)
        for (path, type) in Self.commands {
            let help = RosterCLI.helpMessage(for: type)
            #expect(help.contains("USAGE: roster \(path.joined(separator: " "))"), "\(path): \(help.prefix(200))")
            #expect(help.contains("OVERVIEW: "), "\(path) has no abstract")
        }
        // The exit codes scripts rely on are in the top-level help, as in the README.
        let top = RosterCLI.helpMessage().replacingOccurrences(of: "\n", with: " ")
        for code in ["0 done", "1 error", "3 denied by policy", "4 not signed in", "5 changed by someone else", "6 not found", "64 usage"] {
            #expect(top.contains(code), "\(code)")
        }
    }

    @Test("every command names itself, so starting roster never derives a name from a type (each costs a scan of the binary's conformances: a fifth of starting up)")
    func everyCommandIsNamed() {
        func unnamed(_ command: any ParsableCommand.Type) -> [String] {
            (command.configuration.commandName == nil ? [String(describing: command)] : [])
                + command.configuration.subcommands.flatMap(unnamed)
        }
        #expect(RosterCLI.configuration.subcommands.flatMap(unnamed).isEmpty)
    }

    @Test("the commands scripts call keep their paths")
    func commandPaths() {
        let paths = Self.commands.map { $0.path.joined(separator: " ") }.sorted()
        #expect(paths == [
            "approvals approve",
            "approvals list",
            "approvals reject",
            "approvals show",
            "audit export",
            "audit head",
            "audit list",
            "audit verify",
            "auth redeem",
            "backup",
            "console-keys",
            "demo",
            "groups add-member",
            "groups create",
            "groups delete",
            "groups list",
            "groups members",
            "groups remove-member",
            "groups rename",
            "init",
            "keys create",
            "keys list",
            "keys renew",
            "keys revoke",
            "login",
            "logout",
            "mail deliver",
            "mail list",
            "mail retry",
            "mfa confirm",
            "mfa enroll",
            "mfa recovery-codes",
            "migrate-to",
            "orgs add-member",
            "orgs create",
            "orgs delete",
            "orgs limits",
            "orgs list",
            "orgs lock",
            "orgs members",
            "orgs remove-member",
            "orgs rename",
            "orgs require-mfa",
            "orgs set-member-role",
            "orgs unlock",
            "passwd",
            "recover",
            "resets cancel",
            "resets list",
            "restore-check",
            "reviews decide",
            "reviews interval",
            "reviews list",
            "reviews show",
            "reviews start",
            "reviews submit",
            "settings list",
            "settings set",
            "ssh authorized-keys",
            "ssh session",
            "ssh setup",
            "sudo",
            "terms accept",
            "terms decline",
            "terms set",
            "terms show",
            "users bulk",
            "users clear-avatar",
            "users create",
            "users deactivate",
            "users delete",
            "users edit",
            "users elevate",
            "users elevations",
            "users end-elevation",
            "users end-session",
            "users end-sessions",
            "users export",
            "users import",
            "users ip-rules add",
            "users ip-rules list",
            "users ip-rules remove",
            "users list",
            "users lock",
            "users reactivate",
            "users require-password-change",
            "users reset-mfa",
            "users reset-password",
            "users send-account-info",
            "users sessions",
            "users set-avatar",
            "users set-role",
            "users show",
            "users ssh-keys add",
            "users ssh-keys list",
            "users ssh-keys remove",
            "users unlock",
            "whoami",
        ])
    }

    static let accepted: [([String], any ParsableCommand.Type)] = [
        (["users", "list", "--org", "Acme", "--role", "operations-admin", "--status", "active", "--kind", "service", "--no-locked",
          "--mfa", "off", "--no-sign-in-for", "90", "--sort=-created", "--output", "csv"], ListUsers.self),
        (["users", "export", "--format", "jsonl", "--locked", "--output", "out.jsonl"], ExportUsers.self),
        (["users", "import", "-", "--format", "json", "--dry-run", "--update", "--no-invite"], ImportUsers.self),
        (["users", "bulk", "reset-mfa", "--org", "Acme", "--yes"], BulkUsers.self),
        (["users", "create", "--email", "a@example.com", "--first", "A", "--last", "B", "--role", "accounts-admin", "--kind", "read-only"], CreateUser.self),
        (["users", "set-role", "a@example.com", "standard"], SetRole.self),
        (["users", "deactivate", "a@example.com", "-y"], Deactivate.self),
        (["users", "lock", "7", "--dry-run"], Lock.self),
        (["users", "delete", "a@example.com", "--confirm", "a@example.com"], DeleteUser.self),
        (["orgs", "add-member", "Acme", "a@example.com", "--role", "org-admin"], AddMember.self),
        (["groups", "add-member", "Acme", "Night shift", "a@example.com"], AddGroupMember.self),
        (["groups", "delete", "Acme", "Night shift", "--yes"], DeleteGroup.self),
        (["keys", "create", "--name", "ci", "--scope", "read-write", "--expires-in-days", "30"], KeysCommand.Create.self),
        (["keys", "revoke", "3", "--yes"], KeysCommand.Revoke.self),
        (["audit", "list", "--actor", "a@example.com", "--action", "user.*", "--outcome", "denied", "--since", "2026-11-01", "--after", "40"], ListAudit.self),
        (["audit", "export", "--format", "csv", "--until", "2026-11-01T09:30"], ExportAudit.self),
        (["backup", "/tmp/copy.sqlite"], BackupCommand.self),
        (["restore-check", "/tmp/copy.sqlite"], RestoreCheck.self),
    ]

    @Test("commands parse the options scripts give them", arguments: 0..<accepted.count)
    func accepts(index: Int) throws {
        let (arguments, type) = Self.accepted[index]
        let command = try RosterCLI.parseAsRoot(arguments)
        #expect(Swift.type(of: command) == type, "\(arguments)")
    }

    static let refused: [[String]] = [
        ["users", "list", "--role", "superuser"], ["users", "list", "--mfa", "sometimes"], ["users", "list", "--no-sign-in-for", "0"],
        ["users", "list", "--output", "xml"], ["users", "export", "--format", "xlsx"], ["users", "bulk", "explode", "--org", "Acme"],
        ["users", "bulk", "lock"], ["audit", "list", "--outcome", "maybe"], ["audit", "list", "--since", "last tuesday"],
        ["users", "list", "--limit", "0"], ["keys", "create", "--name", "ci", "--scope", "all"], ["users", "import"],
    ]

    @Test("bad values are usage errors (exit 64) before anything runs", arguments: refused)
    func refuses(arguments: [String]) {
        do {
            _ = try RosterCLI.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(RosterCLI.exitCode(for: error).rawValue == 64, "\(arguments)")
        }
    }
}

@Suite("Flag style")
struct FlagStyleTests {
    @Test("users edit takes --require-mfa / --no-require-mfa, like the other on-off flags")
    func flagPair() throws {
        let on = try #require(try RosterCLI.parseAsRoot(["users", "edit", "bo@example.com", "--require-mfa"]) as? EditUser)
        #expect(on.requireMfa == true && on.requireTerms == nil)
        let off = try #require(try RosterCLI.parseAsRoot(["users", "edit", "bo@example.com", "--no-require-terms"]) as? EditUser)
        #expect(off.requireTerms == false && off.requireMfa == nil)
    }

    @Test("the old value form still works for one release, with a warning naming the new spelling")
    func legacyValues() throws {
        var warnings: [String] = []
        let rewritten = LegacySpellings.rewritten(["users", "edit", "bo@example.com", "--require-mfa", "false", "--require-terms=TRUE"]) {
            warnings.append($0)
        }
        #expect(rewritten == ["users", "edit", "bo@example.com", "--no-require-mfa", "--require-terms"])
        #expect(warnings.count == 2 && warnings[0].contains("`--no-require-mfa`"), "\(warnings)")
        let edit = try #require(try RosterCLI.parseAsRoot(rewritten) as? EditUser)
        #expect(edit.requireMfa == false && edit.requireTerms == true)
        #expect(LegacySpellings.rewritten(["orgs", "require-mfa", "Acme"]) { warnings.append($0) } == ["orgs", "require-mfa", "Acme"])
        #expect(LegacySpellings.rewritten(["users", "edit", "x@y.z", "--require-mfa", "--first", "A"]) { warnings.append($0) }
            == ["users", "edit", "x@y.z", "--require-mfa", "--first", "A"], "a flag without a value stays as typed")
        #expect(warnings.count == 2)
    }

    @Test("the forced command `ssh authorized-keys` writes skips the parser and means what the parser reads; nothing else does")
    func sessionFastPath() throws {
        let forced = GlobalOptions.hoisted(["--db", "/var/lib/roster/roster.sqlite", "ssh", "session", "--key", "42"])
        let fast = try #require(SSHSessionCommand.fastPath(forced))
        let parsed = try #require(try RosterCLI.parseAsRoot(forced) as? SSHSessionCommand)
        #expect(fast.key == 42 && parsed.key == 42)
        #expect(fast.database.path == "/var/lib/roster/roster.sqlite" && parsed.database.path == fast.database.path)
        let others: [[String]] = [
            ["ssh", "session", "--key", "42"],
            ["ssh", "session", "--key", "-1", "--db", "x"],
            ["ssh", "session", "--key", "+1", "--db", "x"],
            ["ssh", "session", "--key", "4x2", "--db", "x"],
            ["ssh", "session", "--key", "99999999999999999999", "--db", "x"],
            ["ssh", "session", "--key", "42", "--db", "--help"],
            ["ssh", "session", "--key", "42", "--db", ""],
            ["ssh", "session", "--key", "42", "--db", "x", "--help"],
            ["ssh", "session", "--help", "42", "--db", "x"],
            ["ssh", "setup", "--key", "42", "--db", "x"],
        ]
        for arguments in others {
            #expect(SSHSessionCommand.fastPath(arguments)?.key == nil, "\(arguments)")
        }
    }
}
