import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real OpenSSH server on 127.0.0.1 for the end-to-end tests: its own host key, config and
/// free port, asking the built `roster` for keys (`AuthorizedKeysCommand`) and logging in as
/// the account running the tests, as a service account would be on a server.
final class SSHServer {
    static let sshd = "/usr/sbin/sshd"

    /// Whether sshd and ssh are installed at all (`.ci/run` installs them); tests skip otherwise.
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: sshd) && FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh")
    }

    let directory: String
    let port: Int
    let user: String
    let log: String
    private var pid: pid_t = 0

    /// Starts sshd for `database`; throws with sshd's log when it won't come up.
    init(database: String) throws {
        user = String(cString: getpwuid(getuid()).pointee.pw_name)
        // sshd runs AuthorizedKeysCommand only from a path no one else can write, up to /;
        // a checkout under /tmp (mode 1777) is not one, so a small wrapper lives somewhere safe.
        let base = getuid() == 0 ? "/run" : NSHomeDirectory()
        var template = Array("\(base)/roster-sshd-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw SSHFailure("can't create a directory under \(base)") }
        directory = String(cString: template)
        log = directory + "/sshd.log"
        if getuid() == 0 { mkdir("/run/sshd", 0o755) }
        port = try Self.freePort()
        let wrapper = directory + "/authorized-keys"
        try "#!/bin/sh\nexec \(CLI.binary) \"$@\"\n".write(toFile: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper, 0o755)
        _ = try Spawn.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", directory + "/host"], environment: [:])
        let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(directory)/host
            PidFile \(directory)/sshd.pid
            UsePAM no
            StrictModes no
            PermitRootLogin forced-commands-only
            AuthorizedKeysFile none
            AuthorizedKeysCommand \(wrapper) --db \(database) ssh authorized-keys %u %t %k
            AuthorizedKeysCommandUser \(user)
            AuthenticationMethods publickey
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitTTY yes
            DisableForwarding yes
            PermitUserRC no
            LogLevel VERBOSE

            """
        try config.write(toFile: directory + "/sshd_config", atomically: true, encoding: .utf8)
        pid = try Spawn.start([Self.sshd, "-D", "-e", "-f", directory + "/sshd_config"], log: log)
        let deadline = Date().addingTimeInterval(10)
        while !Self.accepts(port) {
            if Date() > deadline || kill(pid, 0) != 0 {
                throw SSHFailure("sshd did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "no log")")
            }
            usleep(50_000)
        }
    }

    /// Makes an Ed25519 key pair; returns the private key's path (`.pub` beside it).
    func makeKey(_ name: String) throws -> String {
        let path = directory + "/" + name
        _ = try Spawn.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path], environment: [:])
        return path
    }

    /// `ssh-keygen -l`'s SHA256 fingerprint of a key.
    func fingerprint(_ key: String) throws -> String {
        let out = try Spawn.run(["ssh-keygen", "-l", "-f", key + ".pub"], environment: [:]).out
        return out.split(separator: " ").dropFirst().first.map(String.init) ?? ""
    }

    /// The ssh command line for `key`, with a terminal when `tty`.
    func client(_ key: String, tty: Bool = false, _ command: [String] = []) -> [String] {
        ["/usr/bin/ssh", "-F", "/dev/null", "-i", key, "-p", String(port), "-o", "StrictHostKeyChecking=no",
         "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "IdentityAgent=none",
         "-o", "LogLevel=ERROR"] + (tty ? ["-tt"] : []) + ["\(user)@127.0.0.1"] + command
    }

    /// Runs ssh without a terminal; returns its exit status and standard output.
    func run(_ key: String, _ command: String) throws -> (status: Int32, out: String) {
        try Spawn.run(client(key, [command]), environment: ["PATH": "/usr/bin:/bin", "HOME": directory], timeout: 60)
    }

    deinit {
        if pid > 0 {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw SSHFailure("no free port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

struct SSHFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
