import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for the tests: `initdb` and `pg_ctl` in a private temporary
/// directory, listening on a Unix socket only, run as an unprivileged account (PostgreSQL
/// refuses root; CI runs as root, so the `postgres` account Debian's package creates runs it).
///
/// Removed at the end of the run even on failure: an `atexit` hook stops it, and a watchdog
/// process stops it and deletes its directory if the test process dies any other way.
public final class PostgresServer: Sendable {
    /// The server's binaries (Debian: /usr/lib/postgresql/N/bin), newest first; nil when absent.
    public static let binaries: String? = {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        return versions.map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }()

    /// Whether tests that need a server can run here (`.ci/run` installs `postgresql`).
    public static var isInstalled: Bool { binaries != nil }

    /// What tests that need PostgreSQL say when it is missing, instead of passing silently.
    public static let missing = "PostgreSQL is not installed here: apt-get install -y postgresql libpq-dev (as .ci/run does)"

    public let directory: String
    public let port: Int
    let owner: String?
    private let databases = Mutex(0)

    /// The one cluster of this test run, started on first use.
    public static func shared() throws -> PostgresServer {
        try sharedServer.withLock { server in
            if let server { return server }
            let started = try PostgresServer(port: 5432)
            server = started
            return started
        }
    }
    private static let sharedServer = Mutex<PostgresServer?>(nil)

    /// Starts a new cluster. `settings` go into postgresql.conf (replication tests set more).
    public init(port: Int, settings: [String] = [], from base: PostgresServer? = nil) throws {
        guard let binaries = Self.binaries else { throw PostgresFailure(Self.missing) }
        owner = getuid() == 0 ? "postgres" : nil
        var template = Array("/tmp/roster-pg-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw PostgresFailure("can't create a temporary directory") }
        directory = String(cString: template)
        self.port = port
        if let owner, let account = getpwnam(owner) { chown(directory, account.pointee.pw_uid, account.pointee.pw_gid) }
        Self.watch(directory: directory, binaries: binaries, owner: owner)
        let data = directory + "/data"
        if let base {
            // A streaming standby of `base`: a base backup that starts replicating (-R).
            try run([binaries + "/pg_basebackup", "-h", base.directory, "-p", String(base.port), "-U", "postgres",
                     "-D", data, "-R", "-X", "stream", "--checkpoint=fast"])
        } else {
            try run([binaries + "/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        }
        let config = ([
            "listen_addresses = ''", "unix_socket_directories = '\(directory)'", "port = \(port)", "fsync = off",
            "full_page_writes = off", "max_connections = 200", "shared_buffers = 32MB", "wal_level = replica",
            "max_wal_senders = 4", "hot_standby = on", "log_min_messages = warning",
        ] + settings).joined(separator: "\n")
        // Appended: the last setting wins, so a standby's copy of its primary's file is overridden.
        let conf = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/postgresql.conf"))
        try conf.seekToEnd()
        try conf.write(contentsOf: Data(("\n" + config + "\n").utf8))
        try conf.close()
        if base == nil {
            let hba = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/pg_hba.conf"))
            try hba.seekToEnd()
            try hba.write(contentsOf: Data("local replication all trust\n".utf8))
            try hba.close()
        }
        try run([binaries + "/pg_ctl", "-D", data, "-l", directory + "/server.log", "-w", "-t", "60", "start"])
        if base == nil {
            atexitServers.withLock { $0.append((directory, binaries, owner)) }
            Self.registerExitHook()
        }
    }

    /// A libpq address for `database` on this server (no password: trust over the private socket).
    public func address(_ database: String = "postgres", extra: String = "") -> String {
        "host=\(directory) port=\(port) user=postgres dbname=\(database)\(extra.isEmpty ? "" : " " + extra)"
    }

    /// A new, empty database with a name no other test uses.
    public func createDatabase(prefix: String = "t", template: String? = nil) throws -> String {
        let name = "\(prefix)_\(getpid())_\(databases.withLock { $0 += 1; return $0 })"
        try psql("CREATE DATABASE \(name)\(template.map { " TEMPLATE \($0)" } ?? "")")
        return name
    }

    /// Runs SQL with psql against `database`; returns what it printed.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        guard let binaries = Self.binaries else { throw PostgresFailure(Self.missing) }
        return try Self.capture([binaries + "/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", directory, "-p", String(port),
                                 "-U", "postgres", "-d", database, "-c", sql], owner: nil)
    }

    /// Runs a server program as the cluster's owner.
    @discardableResult
    public func run(_ arguments: [String]) throws -> String {
        try Self.capture(arguments, owner: owner)
    }

    /// `pg_ctl` on this cluster (`stop -m immediate`, `promote`, …).
    public func pgctl(_ arguments: [String]) throws {
        guard let binaries = Self.binaries else { throw PostgresFailure(Self.missing) }
        try run([binaries + "/pg_ctl", "-D", directory + "/data", "-w", "-t", "60"] + arguments)
    }

    /// The postmaster's process id, for killing it the hard way.
    public var postmasterPID: pid_t? {
        guard let text = try? String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8),
              let first = text.split(separator: "\n").first else { return nil }
        return pid_t(first)
    }

    /// Stops the server now and removes its directory.
    public func remove() {
        guard let binaries = Self.binaries else { return }
        _ = try? run([binaries + "/pg_ctl", "-D", directory + "/data", "-m", "immediate", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func capture(_ arguments: [String], owner: String?) throws -> String {
        let command = owner.map { ["/usr/sbin/runuser", "-u", $0, "--"] + arguments } ?? arguments
        let (status, output) = try Spawn.run(command, environment: ["PATH": "/usr/sbin:/usr/bin:/bin", "LANG": "C.UTF-8"],
                                             timeout: 120, stderrToo: true)
        guard status == 0 else {
            throw PostgresFailure("\(arguments.joined(separator: " ")) failed (\(status)): \(output)")
        }
        return output
    }

    /// A watchdog that outlives a crashed or killed test process: when it is gone, the
    /// cluster is stopped and its directory removed.
    private static func watch(directory: String, binaries: String, owner: String?) {
        let stop = owner.map { "runuser -u \($0) -- " } ?? ""
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            \(stop)\(binaries)/pg_ctl -D '\(directory)/data' -m immediate stop >/dev/null 2>&1
            rm -rf '\(directory)'
            """
        // Spawned with nothing but stdio: it lives as long as the test process, and must hold
        // no other test's pipe open that long.
        _ = try? Spawn.start(["/bin/sh", "-c", script], log: "/dev/null")
    }

    private static func registerExitHook() {
        guard !exitHookRegistered.exchange(true, ordering: .acquiringAndReleasing) else { return }
        atexit {
            for (directory, binaries, owner) in atexitServers.withLock({ $0 }) {
                _ = try? PostgresServer.capture([binaries + "/pg_ctl", "-D", directory + "/data", "-m", "immediate", "stop"], owner: owner)
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
    }
}

private let exitHookRegistered = Atomic<Bool>(false)
private let atexitServers = Mutex<[(String, String, String?)]>([])

public struct PostgresFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
