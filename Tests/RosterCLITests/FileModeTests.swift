import Foundation
import GRDB
import Testing

/// Secrets at rest: files Roster creates are the owner's alone, whatever the umask; files
/// others can read are refused (secrets) or warned about (the database).
@Suite("File modes", .serialized)
struct FileModeTests {
    static func mode(_ path: String) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return (attributes[.posixPermissions] as? Int).map { $0 & 0o777 }
    }

    /// `ls -l` of the files, for the record.
    static func listing(_ paths: [String]) throws -> String {
        try Spawn.run(["ls", "-l"] + paths.filter { FileManager.default.fileExists(atPath: $0) },
                      environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C"], timeout: 10).out
    }

    @Test("under umask 022, init and login create the database, its -wal and -shm, the key and the sessions file 0600")
    func privateUnderLooseUmask() throws {
        let cli = try CLI()
        let initialized = try Spawn.run(
            ["/bin/sh", "-c", "umask 022; exec \"$0\" init --email root@example.com --first Ada --last Admin", CLI.binary],
            environment: ["HOME": cli.home, "XDG_CONFIG_HOME": cli.home + "/config", "ROSTER_DB": cli.database,
                          "ROSTER_SCRYPT_LOG_N": "4", "PATH": "/usr/bin:/bin"], timeout: 60)
        #expect(initialized.status == 0)
        let password = initialized.out.split(separator: "\n").first { $0.hasPrefix("Password:") }?.split(separator: " ").last.map(String.init) ?? ""
        let login = try Spawn.run(
            ["/bin/sh", "-c", "umask 022; printf '%s\\n' \"$1\" | exec \"$0\" login --email root@example.com --password-stdin", CLI.binary, password],
            environment: ["HOME": cli.home, "XDG_CONFIG_HOME": cli.home + "/config", "ROSTER_DB": cli.database,
                          "ROSTER_SCRYPT_LOG_N": "4", "PATH": "/usr/bin:/bin"], timeout: 60)
        #expect(login.status == 0)
        // Hold the database open, as a running console does, so the -wal and -shm files exist.
        let pool = try DatabasePool(path: cli.database)
        try pool.write { db in try db.execute(sql: "CREATE TEMP TABLE t(x)") }
        try pool.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM user") }
        let files = [cli.database, cli.database + "-wal", cli.database + "-shm", cli.database + ".key",
                     cli.home + "/config/roster/sessions.json"]
        let listing = try Self.listing(files)
        for file in files {
            #expect(Self.mode(file) == 0o600, "\(file):\n\(listing)")
        }
        #expect(Self.mode(cli.home + "/config/roster") == 0o700)
        try pool.close()
    }

    @Test("a sessions file others can read is refused with what to do; a readable database gets a warning")
    func tooOpen() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let sessions = cli.home + "/config/roster/sessions.json"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: sessions)
        let refused = try cli.run(["users", "list"])
        #expect(refused.status == 1)
        #expect(refused.err.contains("has mode 644") && refused.err.contains("rm \(sessions)"), "\(refused.err)")
        #expect(refused.out.isEmpty)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: sessions)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: cli.database)
        let warned = try cli.run(["users", "list"])
        #expect(warned.status == 0)
        #expect(warned.err.contains("warning: \(cli.database) has mode 644") && warned.err.contains("chmod 600"), "\(warned.err)")
    }

    @Test("a key file that is a symbolic link is not followed")
    func keyFileLink() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let key = cli.database + ".key"
        let elsewhere = cli.home + "/elsewhere.key"
        try FileManager.default.moveItem(atPath: key, toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: key, withDestinationPath: elsewhere)
        let result = try cli.run(["mfa", "enroll", "--password-stdin"], stdin: CLI.adminPassword + "\n")
        #expect(result.status != 0)
        #expect(result.err.contains("symbolic link"), "\(result.err)")
    }
}
