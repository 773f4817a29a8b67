import Foundation
import GRDB
import RosterCore
import Testing

@Suite("roster command line: credentials and mail", .serialized)
struct CredentialCLITests {
    static func script(_ cli: CLI, _ name: String, _ body: String) throws -> String {
        let path = cli.home + "/" + name
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        // Through sh, not exec'd: a parallel test's fork may still hold the new file open for writing (ETXTBSY).
        return "/bin/sh " + path
    }

    @Test("mail deliver with a failing sendmail, then a working one: nothing lost, attempts recorded")
    func mailDelivery() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        _ = try cli.run(["users", "create", "--email", "mei@example.com", "--first", "Mei", "--last", "Tanaka"])
        #expect(try cli.run(["users", "reset-password", "mei@example.com", "--yes"]).out.contains("Reset link queued"))
        let failing = try Self.script(cli, "failing-sendmail", "cat >/dev/null; echo 'mail server unreachable' >&2; exit 75")
        let first = try cli.run(["mail", "deliver", "--mail-command", failing + " -t -i"])
        #expect(first.status == 1 && first.out.contains("Sent 0, will retry 1"))
        let listed = try cli.run(["mail", "list"])
        #expect(listed.out.contains("queued") && listed.out.contains("mail server unreachable"))

        let inbox = cli.home + "/inbox"
        let working = try Self.script(cli, "working-sendmail", "cat >> \(inbox)")
        #expect(try cli.run(["mail", "retry", "1"]).status == 0)
        let second = try cli.run(["mail", "deliver", "--mail-command", working + " -t -i"])
        #expect(second.status == 0 && second.out.contains("Sent 1"))
        let delivered = try String(contentsOfFile: inbox, encoding: .utf8)
        #expect(delivered.hasPrefix("To: mei@example.com\nSubject: Reset your Roster password"))
        #expect(try cli.run(["mail", "list"]).out.contains("sent"))

        // The mailed token sets a password once.
        let token = try #require(delivered.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("rsr_") }.map(String.init))
        #expect(try cli.run(["auth", "redeem", "--password-stdin"], stdin: token + "\nmellow amber lantern\n").status == 0)
        let again = try cli.run(["auth", "redeem", "--password-stdin"], stdin: token + "\nanother fine phrase\n")
        #expect(again.status == 4 && again.err.contains("invalid, expired, cancelled or already used"))
    }

    @Test("ROSTER_API_KEY acts as the key's user; revoking stops it at once")
    func apiKeys() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        _ = try cli.run(["users", "create", "--email", "bot@example.com", "--first", "Deploy", "--last", "Bot", "--kind", "service", "--role", "operations-admin"])
        let created = try cli.run(["keys", "create", "--user", "bot@example.com", "--name", "deploy", "--scope", "read-write"])
        let key = created.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("rst_") && created.err.contains("shown once"))
        let asBot = try cli.run(["whoami"], environment: ["ROSTER_API_KEY": key])
        #expect(asBot.out.contains("bot@example.com (Operations admin)"))
        // A key mints no logins: no password comes back, only a link mailed to the account.
        let withPassword = try cli.run(["users", "create", "--email", "made-by-bot@example.com", "--first", "A", "--last", "B"],
                                       environment: ["ROSTER_API_KEY": key])
        #expect(withPassword.status == 3 && withPassword.err.contains("--send-link") && !withPassword.out.contains("Password"), "\(withPassword.err)")
        let withLink = try cli.run(["users", "create", "--email", "made-by-bot@example.com", "--first", "A", "--last", "B", "--send-link"],
                                   environment: ["ROSTER_API_KEY": key])
        #expect(withLink.status == 0 && !withLink.out.contains("Password:"), "\(withLink.out)\(withLink.err)")
        let promoted = try cli.run(["users", "set-role", "made-by-bot@example.com", "accounts-admin"], environment: ["ROSTER_API_KEY": key])
        #expect(promoted.status == 3 && promoted.err.contains("can't grant power"), "\(promoted.err)")
        let listed = try cli.run(["keys", "list", "--user", "bot@example.com"])
        #expect(listed.out.contains("deploy") && !listed.out.contains(key))
        #expect(try cli.run(["keys", "revoke", "1", "--yes"]).status == 0)
        let revoked = try cli.run(["whoami"], environment: ["ROSTER_API_KEY": key])
        #expect(revoked.status == 4 && revoked.err.contains("invalid, expired or revoked"))
        let malformed = try cli.run(["whoami"], environment: ["ROSTER_API_KEY": "rst_garbage"])
        #expect(malformed.status == 4)
    }

    @Test("renewing a key: the new one works at once, the old one stops, same name and scope, one audit row")
    func renewKey() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let old = try cli.run(["keys", "create", "--name", "ci", "--scope", "read-write", "--expires-in-days", "30"]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let renewed = try cli.run(["keys", "renew", "1"])
        #expect(renewed.status == 0 && renewed.err.contains("replaces key 1"), "\(renewed.err)")
        let new = renewed.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(new.hasPrefix("rst_") && new != old)
        #expect(try cli.run(["whoami"], environment: ["ROSTER_API_KEY": new]).status == 0)
        #expect(try cli.run(["whoami"], environment: ["ROSTER_API_KEY": old]).status == 4)
        let listed = try cli.run(["keys", "list"]).out
        #expect(listed.contains("revoked") && listed.contains("read-write"), "\(listed)")
        #expect(try cli.run(["audit", "list", "--action", "api-key.renew", "--output", "csv"]).out.split(separator: "\n").count == 2)
        #expect(try cli.run(["keys", "renew", "1"]).status == 0)  // already revoked: nothing to do, said so
        #expect(try cli.run(["keys", "renew", "99"]).status == 6)
    }

    @Test("MFA: enroll, confirm with a code, then sign-in needs a code and refuses its replay")
    func mfa() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let wrong = try cli.run(["mfa", "enroll", "--password-stdin"], stdin: "not my password\n")
        #expect(wrong.status == 4 && wrong.err.contains("current password is not right"), "\(wrong.err)")
        let enroll = try cli.run(["mfa", "enroll", "--password-stdin"], stdin: CLI.adminPassword + "\n", environment: ["LANG": "C.UTF-8"])
        #expect(enroll.status == 0 && enroll.out.contains("otpauth://totp/Roster%3Aadmin@example.com"))
        #expect(enroll.out.contains("█"), "a QR code drawn with block characters")
        let secretLine = try #require(enroll.out.split(separator: "\n").first { $0.contains("type this secret") })
        let secret = try #require(Base32.decode(String(secretLine.split(separator: " ").last ?? "")))
        let totp = TOTP(secret: secret)
        let confirm = try cli.run(["mfa", "confirm", totp.code(at: Date())])
        #expect(confirm.status == 0 && confirm.out.contains("MFA is on"))
        let recovery = confirm.out.split(separator: "\n").filter { $0.hasPrefix("  ") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(recovery.count == 10)

        let noCode = try cli.run(["login", "--email", "admin@example.com", "--password-stdin"], stdin: CLI.adminPassword + "\n")
        #expect(noCode.status == 4 && noCode.err.contains("6-digit code"))
        let withRecovery = try cli.run(["login", "--email", "admin@example.com", "--password-stdin", "--code", recovery[0]],
                                       stdin: CLI.adminPassword + "\n")
        #expect(withRecovery.status == 0)
        let replayed = try cli.run(["login", "--email", "admin@example.com", "--password-stdin", "--code", recovery[0]],
                                   stdin: CLI.adminPassword + "\n")
        #expect(replayed.status == 4)
    }

    @Test("a missing or world-readable key file is refused with what to do")
    func keyFile() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let keyPath = cli.database + ".key"
        #expect(try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyPath)
        let open = try cli.run(["mfa", "enroll", "--password-stdin"], stdin: CLI.adminPassword + "\n")
        #expect(open.status == 1 && open.err.contains("chmod 600"))
        try FileManager.default.removeItem(atPath: keyPath)
        let missing = try cli.run(["mfa", "enroll", "--password-stdin"], stdin: CLI.adminPassword + "\n")
        #expect(missing.status == 1 && missing.err.contains("is missing"))
        #expect(try cli.run(["users", "list"]).status == 0, "everything that doesn't need MFA secrets still works")
    }

    @Test("a temporary password is shown once and must be changed at first sign-in")
    func temporaryPassword() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        _ = try cli.run(["users", "create", "--email", "mei@example.com", "--first", "Mei", "--last", "Tanaka"])
        let reset = try cli.run(["users", "reset-password", "mei@example.com", "--temporary", "--yes"])
        let temporary = try #require(reset.out.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        let meiHome = try CLI(sharing: cli)
        #expect(try meiHome.run(["login", "--email", "mei@example.com", "--password-stdin"], stdin: temporary + "\n").status == 0)
        #expect(try meiHome.run(["users", "list"]).err.contains("roster passwd"))
    }

    @Test("roster sudo confirms it's you with the password (audited); a wrong one is refused with exit 4")
    func sudo() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let wrong = try cli.run(["sudo", "--password-stdin"], stdin: "not my password\n")
        #expect(wrong.status == 4, "\(wrong.err)")
        let right = try cli.run(["sudo", "--password-stdin"], stdin: CLI.adminPassword + "\n")
        #expect(right.status == 0 && right.out.hasPrefix("Confirmed; sensitive commands work until"), "\(right.out)\(right.err)")
        let audit = try cli.run(["audit", "list", "--action", "session.reauthenticate", "--output", "csv"]).out
        #expect(audit.contains("failed") && audit.contains("success"), "\(audit)")
        #expect(try cli.run(["settings", "set", "session.reauthenticate-minutes", "30"]).status == 0)
        #expect(try cli.run(["settings", "set", "session.reauthenticate-minutes", "0"]).status != 0)
        try cli.run(["logout"])
        #expect(try cli.run(["sudo", "--password-stdin"], stdin: CLI.adminPassword + "\n").status == 4, "not signed in")
    }

    @Test("a read-only API key: --send-link creates nothing (denied, exit 3), and sudo needs a session, not a key (exit 4)")
    func readOnlyKeyOnNewCommands() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        _ = try cli.run(["users", "create", "--email", "bot@example.com", "--first", "Read", "--last", "Bot", "--kind", "service",
                         "--role", "operations-admin"])
        let key = try cli.run(["keys", "create", "--user", "bot@example.com", "--name", "look", "--scope", "read"]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let bot = ["ROSTER_API_KEY": key, "XDG_CONFIG_HOME": cli.home + "/bot-config"]
        let created = try cli.run(["users", "create", "--email", "x@example.com", "--first", "X", "--last", "Y", "--send-link"], environment: bot)
        #expect(created.status == 3, "\(created.err)")
        #expect(try cli.run(["users", "show", "x@example.com"]).status == 6)
        #expect(try cli.run(["sudo", "--password-stdin"], stdin: "anything\n", environment: bot).status == 4)
        #expect(try cli.run(["console-keys"], environment: bot).out.contains("users.filter"))
        // New this session: an avatar is a change (refused to a read key, nothing stored); an export is a read.
        _ = try cli.run(["users", "create", "--email", "mei@example.com", "--first", "Mei", "--last", "Tanaka"])
        let avatar = try cli.run(["users", "set-avatar", "mei@example.com", AvatarCLITests.image("red-blue.png")], environment: bot)
        #expect(avatar.status == 3, "\(avatar.err)")
        #expect(try cli.run(["users", "show", "mei@example.com"]).out.contains("Avatar          none"))
        #expect(try cli.run(["users", "export"], environment: bot).out.contains("mei@example.com"))
    }
}

