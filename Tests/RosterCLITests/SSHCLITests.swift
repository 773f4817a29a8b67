import Foundation
import Testing

/// `roster users ssh-keys`, `roster ssh authorized-keys` and `roster ssh session` as sshd
/// runs them, without sshd: the environment it would set, and no terminal.
@Suite("SSH commands")
struct SSHCLITests {
    static let ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA6azXgrfYc2vpb+L1/UsjP1FA+n8mZiD/4xu8r7vsd5 ana@laptop"
    static let fingerprint = "SHA256:AbTbWwyvLssOBul602euMOygAvscb8dvOzad6FNQ6P8"

    /// A database with a signed-in administrator whose key (id 1) is registered.
    static func withKey() throws -> CLI {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let added = try cli.run(["users", "ssh-keys", "add", "admin@example.com", "-"], stdin: ed25519)
        guard added.status == 0 else { throw CLIFailure("ssh-keys add failed: \(added.err)") }
        return cli
    }

    /// What sshd would run for key 1, with the client's command line.
    static func remote(_ cli: CLI, _ command: String?) throws -> CLI.Result {
        var environment = ["SSH_CONNECTION": "127.0.0.1 50022 127.0.0.1 22"]
        environment["SSH_ORIGINAL_COMMAND"] = command
        return try cli.run(["ssh", "session", "--key", "1"], environment: environment)
    }

    @Test("keys are added from standard input, listed with fingerprints, refused with reasons, removed")
    func manageKeys() throws {
        let cli = try Self.withKey()
        let list = try cli.run(["users", "ssh-keys", "list", "admin@example.com", "--json"])
        #expect(list.status == 0 && list.out.contains(Self.fingerprint) && list.out.contains("\"type\" : \"ssh-ed25519\""))
        let dsa = try cli.run(["users", "ssh-keys", "add", "admin@example.com", "-"], stdin: "ssh-dss AAAAB3NzaC1kc3MAAACBAP")
        #expect(dsa.status == 1 && dsa.err.contains("DSA keys are obsolete"))
        let again = try cli.run(["users", "ssh-keys", "add", "admin@example.com", "-"], stdin: Self.ed25519)
        #expect(again.status == 1 && again.err.contains("already registered"))
        #expect(try cli.run(["users", "ssh-keys", "remove", "1", "--yes"]).status == 0)
        #expect(try cli.run(["users", "ssh-keys", "list", "admin@example.com"]).out.contains("no SSH keys"))
    }

    @Test("authorized-keys answers a registered key with a forced command, and anything else with nothing")
    func authorizedKeys() throws {
        let cli = try Self.withKey()
        let fields = Self.ed25519.split(separator: " ").map(String.init)
        let known = try cli.run(["ssh", "authorized-keys", "roster", fields[0], fields[1]])
        #expect(known.status == 0)
        #expect(known.out.hasPrefix("restrict,pty,command=\"/") && known.out.contains("--db \(cli.database) ssh session --key 1\" \(fields[0]) \(fields[1])"))
        let unknown = try cli.run(["ssh", "authorized-keys", "roster", "ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAIETaHAUJysGPiG0eP6pstbzxtHs8pwp5EXlCY6uJp4i3"])
        #expect(unknown.status == 0 && unknown.out.isEmpty)
        let garbage = try cli.run(["ssh", "authorized-keys", "roster", "ssh-rsa", "%%%"])
        #expect(garbage.status == 0 && garbage.out.isEmpty)
        let migrationsBefore = try cli.run(["audit", "list", "--json"]).out.count
        _ = try cli.run(["ssh", "authorized-keys", "roster", fields[0], fields[1]])
        #expect(try cli.run(["audit", "list", "--json"]).out.count == migrationsBefore, "sshd's question writes nothing")
    }

    @Test("a command over SSH runs as the key's account, and its rows name the address and the key")
    func remoteCommand() throws {
        let cli = try Self.withKey()
        let list = try Self.remote(cli, "users list --json")
        #expect(list.status == 0)
        #expect(list.out.contains("\"email\" : \"admin@example.com\""))
        let edit = try Self.remote(cli, "users edit admin@example.com --first 'Ada Maria'")
        #expect(edit.status == 0, "\(edit.err)")
        let audit = try cli.run(["audit", "list", "--json", "--limit", "3"]).out
        #expect(audit.contains("\"actorIP\" : \"127.0.0.1\"") && audit.contains(Self.fingerprint))
        #expect(audit.contains("Ada Maria"))
    }

    @Test("no shell: separators, substitutions and file commands are usage errors, and nothing runs",
          arguments: ["users list; id", "users list | id", "users list && id", "$(id)", "`id`", "users list > /tmp/x",
                      "recover", "init --email x@example.com", "ssh setup", "users list --db /etc/passwd", "demo",
                      "mail deliver --mail-command /bin/sh", "users list 'unclosed", "audit verify"])
    func refused(command: String) throws {
        let cli = try Self.withKey()
        let result = try Self.remote(cli, command)
        #expect(result.status == 64, "\(command): \(result.err)")
        #expect(!result.out.contains("uid="))
        #expect(!result.err.isEmpty)
        // Refused, and on the record: by the key's account, with its fingerprint and address.
        let last = try cli.run(["audit", "list", "--json", "--limit", "1"]).out
        #expect(last.contains("\"ssh.request\"") && last.contains("\"denied\"") && last.contains(Self.fingerprint)
                && last.contains("\"actorIP\" : \"127.0.0.1\""), "\(command): \(last)")
    }

    @Test("over SSH a file argument must be standard input, and without a terminal or command it says how to connect")
    func noPathsNoTerminal() throws {
        let cli = try Self.withKey()
        let terms = try Self.remote(cli, "terms set /etc/hostname")
        #expect(terms.status == 1 && terms.err.contains("standard input"))
        let refusal = try cli.run(["audit", "list", "--json", "--action", "ssh.request"]).out
        #expect(refusal.contains("paths on the server are not read") && refusal.contains(Self.fingerprint), "\(refusal)")
        let avatar = try Self.remote(cli, "users set-avatar admin@example.com /etc/hostname")
        #expect(avatar.status != 0 && avatar.err.contains("paths on the server are not read"), "\(avatar.err)")
        let bare = try Self.remote(cli, nil)
        #expect(bare.status == 64 && bare.err.contains("ssh -t"))
    }

    @Test("a deactivated account's key is refused by authorized-keys and by the forced command")
    func deactivated() throws {
        let cli = try Self.withKey()
        _ = try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li"])
        let added = try cli.run(["users", "ssh-keys", "add", "bo@example.com", "-"],
                                stdin: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIETaHAUJysGPiG0eP6pstbzxtHs8pwp5EXlCY6uJp4i3 bo")
        #expect(added.status == 0, "\(added.err)")
        #expect(try cli.run(["users", "deactivate", "bo@example.com", "--yes"]).status == 0)
        let answer = try cli.run(["ssh", "authorized-keys", "roster", "ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAIETaHAUJysGPiG0eP6pstbzxtHs8pwp5EXlCY6uJp4i3"])
        #expect(answer.status == 0 && answer.out.isEmpty)
        let run = try cli.run(["ssh", "session", "--key", "2"], environment: ["SSH_ORIGINAL_COMMAND": "whoami"])
        #expect(run.status == 4)
    }

    @Test("ssh setup prints the sshd block for the service account and names each problem with its fix")
    func setup() throws {
        let cli = try Self.withKey()
        let missing = try cli.run(["ssh", "setup", "--service-user", "rosterzz"])
        #expect(missing.status == 1)
        #expect(missing.out.contains("Match User rosterzz"))
        #expect(missing.out.contains("AuthorizedKeysCommandUser rosterzz"))
        #expect(missing.out.contains("--db \(cli.database) ssh authorized-keys %u %t %k"))
        #expect(missing.out.contains("DisableForwarding yes") && missing.out.contains("PasswordAuthentication no"))
        #expect(missing.err.contains("useradd --system"))
        let me = String(cString: getpwuid(getuid()).pointee.pw_name)
        let own = try cli.run(["ssh", "setup", "--service-user", me])
        #expect(!own.err.contains("\(cli.database) is not owned"), "the database is the running account's own")
        #expect(!own.err.contains("\(cli.database) has mode"), "and 0600")
        let bad = try cli.run(["ssh", "setup", "--service-user", "x;id"])
        #expect(bad.status == 64)
    }

    @Test("init --ssh-key registers the first administrator's key; a refused key leaves no database behind")
    func initWithKey() throws {
        let cli = try CLI()
        let keyFile = cli.home + "/admin.pub"
        try "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7 short".write(toFile: keyFile, atomically: true, encoding: .utf8)
        let refused = try cli.run(["init", "--email", "admin@example.com", "--first", "Ada", "--last", "Admin", "--ssh-key", keyFile])
        #expect(refused.status == 1 && refused.err.contains("OpenSSH public key"))
        #expect(!FileManager.default.fileExists(atPath: cli.database))
        try Self.ed25519.write(toFile: keyFile, atomically: true, encoding: .utf8)
        let created = try cli.run(["init", "--email", "admin@example.com", "--first", "Ada", "--last", "Admin", "--ssh-key", keyFile,
                                   "--approval-required-for", "none"])
        #expect(created.status == 0 && created.out.contains(Self.fingerprint))
        let fields = Self.ed25519.split(separator: " ").map(String.init)
        #expect(try cli.run(["ssh", "authorized-keys", "roster", fields[0], fields[1]]).out.contains("ssh session --key 1"))
    }
}

extension SSHCLITests {
    @Test("a key alone doesn't confirm it's you: adding another key over SSH without a terminal is refused, says to use ssh -t, and adds nothing")
    func keyAloneAsksBeforeAddingAKey() throws {
        let cli = try Self.withKey()
        let second = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBGeP2Coryk7stiRTsAUW8CxljjSBW0SrHn2Lmako07Hyu0uEuI5d84KVavrbo09x72V2SIR+VT/QJZq/1PZlpqpbUjWmNq4gUdjnGdSu8IHkrxq4lyJi6LJs2iHW4MxX/g== second@laptop"
        var environment = ["SSH_CONNECTION": "127.0.0.1 50022 127.0.0.1 22"]
        environment["SSH_ORIGINAL_COMMAND"] = "users ssh-keys add admin@example.com -"
        let added = try cli.run(["ssh", "session", "--key", "1"], stdin: second, environment: environment)
        #expect(added.status == 4 && added.err.contains("ssh -t"), "\(added.err)")
        let keys = try cli.run(["users", "ssh-keys", "list", "admin@example.com"])
        #expect(!keys.out.contains("second@laptop"))
        let denied = try cli.run(["audit", "list", "--json", "--action", "ssh-key.add", "--outcome", "denied"]).out
        #expect(denied.contains("reauthentication-required") && denied.contains(Self.fingerprint), "\(denied)")
    }
}
