import Foundation
import RosterCore
import RosterTestSupport
import Testing

/// Roster behind a real OpenSSH server, as a team would run it (README, "Run it for a team
/// over SSH"): keys mapped to accounts by `roster ssh authorized-keys`, the forced command
/// `roster ssh session`, no shell anywhere.
@Suite("Roster behind OpenSSH", .serialized,
       .enabled(if: SSHServer.available, "sshd or ssh is not installed (apt-get install openssh-server openssh-client); skipping the OpenSSH end-to-end tests"))
struct SSHDTests {
    /// A database with a signed-in administrator and a running sshd in front of it.
    static func start() throws -> (CLI, SSHServer) {
        let cli = try CLI()
        try cli.initializeAndLogin()
        return (cli, try SSHServer(database: cli.database))
    }

    static func register(_ cli: CLI, _ key: String, for email: String) throws {
        let added = try cli.run(["users", "ssh-keys", "add", email, key + ".pub"])
        guard added.status == 0 else { throw CLIFailure("ssh-keys add failed: \(added.err)") }
    }

    @Test("commands over ssh: JSON out, the address and key in the audit trail, no shell, unknown keys refused by sshd")
    func commands() throws {
        let (cli, server) = try Self.start()
        let key = try server.makeKey("admin-laptop")
        try Self.register(cli, key, for: "admin@example.com")

        let list = try server.run(key, "users list --json")
        #expect(list.status == 0, "sshd log:\n\((try? String(contentsOfFile: server.log, encoding: .utf8)) ?? "")")
        let json = try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [String: Any]
        #expect((json?["users"] as? [[String: Any]])?.first?["email"] as? String == "admin@example.com")

        let edit = try server.run(key, "users edit admin@example.com --first 'Ada Over SSH'")
        #expect(edit.status == 0)
        let audit = try cli.run(["audit", "list", "--json", "--limit", "5"]).out
        let fingerprint = try server.fingerprint(key)
        #expect(fingerprint.hasPrefix("SHA256:"))
        #expect(audit.contains("Ada Over SSH") && audit.contains("\"actorIP\" : \"127.0.0.1\"") && audit.contains(fingerprint))

        let shell = try server.run(key, "users list; id")
        #expect(shell.status == 64)
        #expect(!shell.out.contains("uid="), "no shell ran")

        let stranger = try server.makeKey("stranger")
        let refused = try server.run(stranger, "users list --json")
        #expect(refused.status == 255, "sshd refuses a key no account holds")
        #expect(refused.out.isEmpty)
    }

    @Test("the console over ssh -tt: no password, a step taken is audited with the key; deactivation closes it and refuses the next connection",
          .enabled(if: Tmux.isInstalled, Comment(rawValue: Tmux.missing)))
    func console() throws {
        let (cli, server) = try Self.start()
        #expect(try cli.run(["terms", "set", "-"], stdin: "Be kind to the data.").status == 0)
        let created = try cli.run(["users", "create", "--email", "ana@example.com", "--first", "Ana", "--last", "Souza", "--no-password-change"])
        #expect(created.status == 0, "\(created.err)")
        let key = try server.makeKey("ana-laptop")
        try Self.register(cli, key, for: "ana@example.com")

        let tmux = try Tmux()
        try tmux.run(["new-session", "-d", "-s", "t", "-x", "100", "-y", "30",
                      server.client(key, tty: true).joined(separator: " ") + "; echo SSH-EXITED-$?; sleep 120"])
        _ = try tmux.wait(for: "the terms step") { $0.contains("Be kind to the data.") }
        try tmux.run(["send-keys", "-t", "t", "a"])
        let table = try tmux.wait(for: "the users table") { $0.contains("ana@example.com") && $0.contains(" of 1") }
        #expect(!table.contains("admin@example.com"), "a standard user sees only their own account")
        let audit = try cli.run(["audit", "list", "--json", "--limit", "5"]).out
        let fingerprint = try server.fingerprint(key)
        #expect(audit.contains("terms.accept") && audit.contains("\"actorIP\" : \"127.0.0.1\"") && audit.contains(fingerprint))

        #expect(try cli.run(["users", "deactivate", "ana@example.com", "--yes"]).status == 0)
        try tmux.run(["send-keys", "-t", "t", "j"])
        let closed = try tmux.wait(for: "the console to close") { $0.contains("SSH-EXITED-") }
        #expect(closed.contains("deactivated"), "the console says why it closed:\n\(closed)")
        #expect(closed.contains("SSH-EXITED-4"), "and exits as a refused sign-in does")
        #expect(try server.run(key, "whoami").status == 255, "the next connection is refused")
    }

    @Test("an account with MFA is asked for its code on the terminal before the console opens, and refused without one",
          .enabled(if: Tmux.isInstalled, Comment(rawValue: Tmux.missing)))
    func mfa() throws {
        let (cli, server) = try Self.start()
        let recovery = try cli.enrollMFA()
        let key = try server.makeKey("admin-laptop")
        try Self.register(cli, key, for: "admin@example.com")

        let noTerminal = try server.run(key, "whoami")
        #expect(noTerminal.status == 4, "a command without a terminal can't be asked for the code")

        let tmux = try Tmux()
        try tmux.run(["new-session", "-d", "-s", "t", "-x", "100", "-y", "30",
                      server.client(key, tty: true).joined(separator: " ") + "; echo SSH-EXITED-$?; sleep 120"])
        _ = try tmux.wait(for: "the code prompt") { $0.contains("Authenticator code") }
        try tmux.run(["send-keys", "-t", "t", "-l", recovery])
        try tmux.run(["send-keys", "-t", "t", "Enter"])
        let table = try tmux.wait(for: "the users table") { $0.contains("admin@example.com (Administrator)") }
        #expect(!table.contains(recovery), "the code is not echoed")
        try tmux.run(["send-keys", "-t", "t", "q"])
        _ = try tmux.wait(for: "ssh to end") { $0.contains("SSH-EXITED-0") }
        let audit = try cli.run(["audit", "list", "--json", "--limit", "3"]).out
        #expect(audit.contains("auth.sign-out"))
        #expect(audit.contains(#"\"secondFactor\":\"recovery-code\""#), "the sign-in row says which second factor was used:\n\(audit)")
    }

    @Test("the block ssh setup prints is one sshd accepts (sshd -t)")
    func setupBlock() throws {
        let (cli, server) = try Self.start()
        let block = try cli.run(["ssh", "setup", "--service-user", server.user]).out
        #expect(block.contains("Match User \(server.user)"))
        let config = server.directory + "/setup_config"
        try """
            Port \(server.port)
            ListenAddress 127.0.0.1
            HostKey \(server.directory)/host
            UsePAM no
            \(block)
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let check = try Spawn.run([SSHServer.sshd, "-t", "-f", config], environment: ["PATH": "/usr/sbin:/usr/bin:/bin"])
        #expect(check.status == 0, "sshd -t refused the block:\n\(block)")
    }
}

extension CLI {
    /// Turns MFA on for the signed-in administrator; returns one of its recovery codes.
    func enrollMFA() throws -> String {
        let enroll = try run(["mfa", "enroll", "--password-stdin"], stdin: CLI.adminPassword + "\n")
        let secretLine = try #require(enroll.out.split(separator: "\n").first { $0.contains("type this secret") })
        let secret = try #require(Base32.decode(String(secretLine.split(separator: " ").last ?? "")))
        let confirm = try run(["mfa", "confirm", TOTP(secret: secret).code(at: Date())])
        let codes = confirm.out.split(separator: "\n").filter { $0.hasPrefix("  ") }.map { $0.trimmingCharacters(in: .whitespaces) }
        return try #require(codes.first)
    }
}
