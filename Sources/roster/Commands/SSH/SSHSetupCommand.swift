import ArgumentParser
import Foundation
import RosterCore

/// `roster ssh setup`: the `Match User` block for sshd_config, and a check of what sshd and
/// safety need (who owns the database, the key file and the binary, and their modes).
struct SSHSetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Print the sshd_config block for serving Roster over SSH, and check files, owners and modes.",
        discussion: "The block goes to standard output; each problem found is one line on standard error saying how to fix it (exit 1).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The service account that owns the database and runs roster for sshd.") var serviceUser = "roster"

    func validate() throws {
        guard serviceUser.range(of: "^[a-z_][a-z0-9_-]{0,31}$", options: .regularExpression) != nil else {
            throw ValidationError("--service-user must be a login name such as roster.")
        }
    }

    func run() throws {
        guard case .file(let path) = try database.resolvedAddress() else {
            throw CLIError("ssh setup checks an SQLite file's owner and mode. For PostgreSQL, use the same sshd block with "
                + "AuthorizedKeysCommand <roster> --db '<address>' ssh authorized-keys %u %t %k, the address without a password.")
        }
        let executable = Executable.path
        CommandEnvironment.current.write(Self.block(user: serviceUser, executable: executable, database: path) + "\n")
        let problems = SetupCheck(serviceUser: serviceUser, database: path, executable: executable).problems()
        for problem in problems { Output.error(problem) }
        if !problems.isEmpty { throw ExitCode.failure }
    }

    /// The sshd_config lines: keys come only from Roster, and the session can't reach anything
    /// but the forced command (no forwarding, no agent, no user rc, no ~/.ssh files).
    static func block(user: String, executable: String, database: String) -> String {
        """
        # Roster over SSH: add to /etc/ssh/sshd_config, then: sshd -t && systemctl reload ssh
        Match User \(user)
            AuthorizedKeysFile none
            AuthorizedPrincipalsFile none
            TrustedUserCAKeys none
            HostbasedAuthentication no
            AuthorizedKeysCommand \(executable) --db \(database) ssh authorized-keys %u %t %k
            AuthorizedKeysCommandUser \(user)
            AuthenticationMethods publickey
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitTTY yes
            AllowTcpForwarding no
            AllowStreamLocalForwarding no
            AllowAgentForwarding no
            X11Forwarding no
            PermitTunnel no
            PermitUserRC no
            DisableForwarding yes
        """
    }
}

/// What `ssh setup` checks, each problem as one line that says how to fix it.
struct SetupCheck {
    var serviceUser: String
    var database: String
    var executable: String

    func problems() -> [String] {
        var problems: [String] = []
        guard let account = getpwnam(serviceUser) else {
            return ["no account \(serviceUser): create it with `useradd --system --shell /bin/sh --home-dir /var/lib/roster --create-home \(serviceUser)`"]
        }
        let uid = account.pointee.pw_uid
        let shell = String(cString: account.pointee.pw_shell)
        if shell.hasSuffix("nologin") || shell.hasSuffix("/false") || shell.isEmpty {
            problems.append("\(serviceUser)'s shell is \(shell.isEmpty ? "empty" : shell), and sshd runs the forced command with it: `usermod --shell /bin/sh \(serviceUser)` (keys still can't get a shell)")
        }
        if !FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") {
            problems.append("OpenSSH's server is not installed: `apt-get install openssh-server`")
        }
        if !Executable.isPlain(database) || !Executable.isPlain(executable) {
            problems.append("the database or roster path has spaces or quotes sshd can't carry: move them to plain paths such as /var/lib/roster/roster.sqlite and /usr/local/bin/roster")
        }
        for file in [database, KeyFile.path(forDatabase: database)] {
            problems += owned(file, by: uid, folder: false)
        }
        problems += owned((database as NSString).deletingLastPathComponent, by: uid, folder: true)
        // sshd refuses an AuthorizedKeysCommand that others could replace; so should we.
        var path = executable
        while true {
            var info = stat()
            if stat(path, &info) == 0 {
                if info.st_uid != 0 { problems.append("\(path) is owned by uid \(info.st_uid), not root: `chown root \(path)`") }
                if info.st_mode & 0o022 != 0 { problems.append("\(path) is writable by group or others: `chmod go-w \(path)`") }
            }
            if path == "/" || path.isEmpty { break }
            path = (path as NSString).deletingLastPathComponent
        }
        return problems
    }

    /// The service account must own the file (mode 0600) or folder (0700), and nobody else read it.
    private func owned(_ path: String, by uid: uid_t, folder: Bool) -> [String] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return folder ? ["\(path) does not exist: `install -d -o \(serviceUser) -m 700 \(path)`"]
                : ["\(path) does not exist: create the database as \(serviceUser): `sudo -u \(serviceUser) roster --db \(database) init --email you@example.com`"]
        }
        var problems: [String] = []
        if info.st_uid != uid { problems.append("\(path) is not owned by \(serviceUser): `chown \(serviceUser) \(path)`") }
        if info.st_mode & 0o077 != 0 {
            problems.append("\(path) has mode \(String(info.st_mode & 0o777, radix: 8)); only \(serviceUser) may use it: `chmod \(folder ? "700" : "600") \(path)`")
        }
        return problems
    }
}
