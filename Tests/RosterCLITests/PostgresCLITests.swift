import Foundation
import GRDB
import Synchronization
import Testing

/// The real binary against PostgreSQL, in the run's throwaway cluster: the same commands as on
/// SQLite, and the refusals that only a shared server needs.
@Suite("PostgreSQL from the command line", .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
struct PostgresCLITests {
    /// A CLI home on a new, empty database; its key file is `$XDG_DATA_HOME/roster/postgres.key`.
    static func fresh() throws -> (CLI, PostgresServer, String) {
        let server = try PostgresServer.shared()
        let name = try server.createDatabase(prefix: "cli")
        return (try CLI(database: server.address(name)), server, name)
    }

    @Test("init, sign in, create, list and verify work on PostgreSQL as on SQLite")
    func everyday() throws {
        let (cli, _, _) = try Self.fresh()
        try cli.initializeAndLogin()
        let created = try cli.run(["users", "create", "--email", "ana@example.com", "--first", "Ana", "--last", "Souza"])
        #expect(created.status == 0, "\(created.err)")
        let list = try cli.run(["users", "list", "--json"])
        #expect(list.status == 0 && list.out.contains("ana@example.com") && list.out.contains("admin@example.com"), "\(list.err)")
        let filtered = try cli.run(["users", "list", "--filter", "SOUZ"])
        #expect(filtered.out.contains("ana@example.com") && !filtered.out.contains("admin@example.com"))
        let verify = try cli.run(["audit", "verify"])
        #expect(verify.status == 0 && verify.out.contains("Audit trail intact"), "\(verify.out)\(verify.err)")
        let keyFile = cli.home + "/share/roster/postgres.key"
        #expect(FileManager.default.fileExists(atPath: keyFile))
    }

    @Test("libpq is loaded by a PostgreSQL address alone: a process on an SQLite file never opens it")
    func libpqOnlyWhenAsked() throws {
        let sqlite = try CLI()
        try sqlite.initializeAndLogin()
        // The dynamic loader names every library it opens on stderr when LD_DEBUG=files.
        let local = try sqlite.spawned.run(["users", "list"], environment: ["LD_DEBUG": "files"])
        #expect(local.status == 0 && local.err.contains("file=libc.so.6") && !local.err.contains("libpq"), "\(local.err.prefix(400))")
        let (cli, _, _) = try Self.fresh()
        try cli.initializeAndLogin()
        let remote = try cli.spawned.run(["users", "list"], environment: ["LD_DEBUG": "files"])
        #expect(remote.status == 0 && remote.err.contains("file=libpq.so.5"), "\(remote.err.prefix(400))")
    }

    @Test("a password in the address is refused without echoing it, and says how to give it instead",
          arguments: ["postgresql://roster:hunter2secret@db.example/roster", "host=db.example dbname=roster password=hunter2secret"])
    func passwordRefused(address: String) throws {
        let cli = try CLI(database: address)
        let refused = try cli.run(["users", "list"])
        #expect(refused.status != 0)
        #expect(refused.err.contains("~/.pgpass") && refused.err.contains("service"), "\(refused.err)")
        #expect(!refused.err.contains("hunter2secret") && !refused.out.contains("hunter2secret"))
    }

    @Test("a host with another key file is refused in one line, and nothing is written")
    func wrongKeyFile() throws {
        let (cli, _, _) = try Self.fresh()
        try cli.initializeAndLogin()
        let before = try cli.run(["audit", "verify"]).out
        let other = try CLI(database: cli.database)
        let missing = try other.run(["users", "list"])
        #expect(missing.status != 0 && missing.err.contains("postgres.key") && missing.err.contains("missing"), "\(missing.err)")
        let refusedInit = try other.run(["init", "--email", "mallory@example.com", "--first", "M", "--last", "Allory"])
        #expect(refusedInit.status != 0 && !FileManager.default.fileExists(atPath: other.home + "/share/roster/postgres.key"),
                "init on a database in use makes no key file of its own: \(refusedInit.err)")
        try FileManager.default.createDirectory(atPath: other.home + "/share/roster", withIntermediateDirectories: true)
        let key = other.home + "/share/roster/postgres.key"
        _ = FileManager.default.createFile(atPath: key, contents: Data((0..<32).map { _ in UInt8.random(in: 0...255) }),
                                       attributes: [.posixPermissions: 0o600])
        let wrong = try other.run(["login", "--email", "admin@example.com", "--password-stdin"], stdin: CLI.adminPassword + "\n")
        #expect(wrong.status != 0 && wrong.err.contains("is not the one this database was set up with"), "\(wrong.err)")
        #expect(wrong.err.split(separator: "\n").count == 1, "one line: \(wrong.err)")
        #expect(try cli.run(["audit", "verify"]).out == before, "no row was added by the refused host")
    }

    @Test("a database written by a newer roster is refused, and nothing is changed")
    func newerSchema() throws {
        let (cli, server, name) = try Self.fresh()
        try cli.initializeAndLogin()
        try server.psql("INSERT INTO roster_migration (identifier) VALUES ('p99-from-the-future')", database: name)
        let refused = try cli.run(["users", "list"])
        #expect(refused.status != 0 && refused.err.contains("newer version of roster"), "\(refused.err)")
    }

    @Test("two hosts with the same key file share one database: each sees the other's changes")
    func twoHosts() throws {
        let (first, _, _) = try Self.fresh()
        try first.initializeAndLogin()
        let second = try CLI(database: first.database)
        try FileManager.default.createDirectory(atPath: second.home + "/share/roster", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: first.home + "/share/roster/postgres.key", toPath: second.home + "/share/roster/postgres.key")
        let login = try second.run(["login", "--email", "admin@example.com", "--password-stdin"], stdin: CLI.adminPassword + "\n")
        #expect(login.status == 0, "\(login.err)")
        _ = try first.run(["users", "create", "--email", "from.first@example.com", "--first", "From", "--last", "First"])
        #expect(try second.run(["users", "list"]).out.contains("from.first@example.com"))
        _ = try second.run(["users", "create", "--email", "from.second@example.com", "--first", "From", "--last", "Second"])
        #expect(try first.run(["users", "list"]).out.contains("from.second@example.com"))
        #expect(try first.run(["audit", "verify"]).status == 0)
    }

    @Test("two hosts, two administrators demoting each other at once, 50 rounds: exactly one wins each time")
    func lastAdministratorRaceAcrossHosts() throws {
        let (first, _, _) = try Self.fresh()
        try first.initializeAndLogin()
        let created = try first.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Admin",
                                     "--role", "administrator", "--password-stdin", "--no-password-change"], stdin: "second admin phrase\n")
        #expect(created.status == 0, "\(created.err)")
        // The second host: its own config and session file, the same key file.
        let second = try CLI(database: first.database)
        try FileManager.default.createDirectory(atPath: second.home + "/share/roster", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: first.home + "/share/roster/postgres.key", toPath: second.home + "/share/roster/postgres.key")
        #expect(try second.run(["login", "--email", "bo@example.com", "--password-stdin"], stdin: "second admin phrase\n").status == 0)
        let hosts = [(first, "bo@example.com", "admin@example.com"), (second, "admin@example.com", "bo@example.com")]
        var wins = [0, 0]
        for round in 0..<50 {
            let outcomes = ConcurrentOutcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let (host, other, _) = hosts[index]
                let result = try? host.run(["users", "set-role", other, "standard"])
                outcomes.record(index, result)
            }
            let results = outcomes.all
            let won = results.indices.filter { results[$0]?.status == 0 }
            #expect(won.count == 1, "round \(round): \(results.map { "\($0?.status ?? -1) \($0?.err ?? "")" })")
            // The loser is refused for what it is: the last administrator (3), or, demoted first,
            // a standard user who no longer sees administrators (6).
            for index in results.indices where !won.contains(index) {
                #expect([3, 6].contains(results[index]?.status), "round \(round): \(results[index]?.err ?? "")")
            }
            guard let winner = won.first else { break }
            wins[winner] += 1
            let restored = try hosts[winner].0.run(["users", "set-role", hosts[winner].1, "administrator"])
            #expect(restored.status == 0, "\(restored.err)")
        }
        #expect(try first.run(["audit", "verify"]).status == 0)
        print("two hosts, last-administrator race: 50 rounds, exactly one winner each (first host \(wins[0]), second \(wins[1]))")
    }

    @Test("restore-check proves a pg_dump restored into another database: sound, then NOT sound once a row is rewritten")
    func restoreCheckOfADump() throws {
        let (cli, server, name) = try Self.fresh()
        try cli.initializeAndLogin()
        #expect(try cli.run(["orgs", "create", "Acme"]).status == 0)
        #expect(try cli.run(["users", "create", "--email", "ana@example.com", "--first", "Ana", "--last", "Souza", "--org", "Acme"]).status == 0)
        guard let binaries = PostgresServer.binaries else { return }
        let dump = server.directory + "/\(name).dump"
        try server.run([binaries + "/pg_dump", "-Fc", "-h", server.directory, "-p", String(server.port), "-U", "postgres", "-f", dump, name])
        let restored = try server.createDatabase(prefix: "restored")
        try server.run([binaries + "/pg_restore", "-h", server.directory, "-p", String(server.port), "-U", "postgres", "-d", restored, dump])
        let keyFile = ["ROSTER_KEY_FILE": cli.home + "/share/roster/postgres.key"]
        let sound = try cli.run(["restore-check", server.address(restored)], environment: keyFile)
        #expect(sound.status == 0 && sound.out.contains("is a sound backup") && sound.out.contains("2 users"), "\(sound.out)\(sound.err)")
        // Without the key file the chain can't be checked: said, not passed.
        let keyless = try cli.run(["restore-check", server.address(restored)], environment: ["ROSTER_KEY_FILE": cli.home + "/none.key"])
        #expect(keyless.status != 0 && keyless.err.contains("none.key"), "\(keyless.err)")
        // What pg_restore makes after the data, lost or out of step, is said.
        try server.psql("DROP INDEX users_grams; DROP TRIGGER users_renamed ON users; "
            + "UPDATE membership SET userNameKey = 'zzz'", database: restored)
        let lost = try cli.run(["restore-check", server.address(restored)], environment: keyFile)
        #expect(lost.status == 1 && lost.err.contains("index users_grams missing") && lost.err.contains("trigger users_renamed missing")
                && lost.err.contains("1 membership(s) with a stale copy"), "\(lost.err)")
        try server.psql("CREATE INDEX users_grams ON users USING gin (roster_grams(searchText)); "
            + "CREATE TRIGGER users_renamed AFTER UPDATE ON users FOR EACH ROW EXECUTE FUNCTION roster_user_renamed(); "
            + "UPDATE membership m SET userNameKey = u.nameKey FROM users u WHERE u.id = m.userId", database: restored)
        #expect(try cli.run(["restore-check", server.address(restored)], environment: keyFile).status == 0)
        try server.psql("UPDATE auditEntry SET actor = 'mallory' WHERE id = 2", database: restored)
        let broken = try cli.run(["restore-check", server.address(restored)], environment: keyFile)
        #expect(broken.status == 1 && broken.err.contains("NOT a sound backup") && broken.err.contains("row 2"), "\(broken.err)")
        #expect(try server.psql("SELECT count(*) FROM auditEntry WHERE actor = 'mallory'", database: name).contains("0"))
    }

    @Test("backup on PostgreSQL names the server's tools and writes nothing")
    func backupPointsToPgDump() throws {
        let (cli, _, _) = try Self.fresh()
        try cli.initializeAndLogin()
        let refused = try cli.run(["backup", cli.home + "/copy.sqlite"])
        #expect(refused.status != 0 && refused.err.contains("pg_dump") && refused.err.contains("pg_basebackup"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.home + "/copy.sqlite"))
    }

    @Test("migrate-to copies an SQLite database into an empty PostgreSQL one, verified before and after; a second run is refused")
    func migrateTo() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        for name in ["Zoë Brown", "ana souza", "Émile Zola"] {
            let parts = name.split(separator: " ").map(String.init)
            let created = try cli.run(["users", "create", "--email", "\(parts[1].lowercased())@example.com", "--first", parts[0], "--last", parts[1]])
            #expect(created.status == 0, "\(created.err)")
        }
        #expect(try cli.run(["orgs", "create", "Acme"]).status == 0)
        // The newest account is deleted: its id must never be given again (its audit rows name it).
        let gone = try cli.run(["users", "create", "--email", "gone@example.com", "--first", "Gone", "--last", "Soon", "--json"])
        let deleted = try cli.run(["users", "delete", "gone@example.com", "--confirm", "gone@example.com"])
        #expect(deleted.status == 0, "\(deleted.err)")
        let sqliteList = try cli.run(["users", "list", "--json"]).out
        let server = try PostgresServer.shared()
        let database = try server.createDatabase(prefix: "migrate")
        let address = server.address(database)
        let migrated = try cli.run(["migrate-to", address])
        #expect(migrated.status == 0 && migrated.out.contains("verified before and after"), "\(migrated.out)\(migrated.err)")
        // Users' short strings, counted in memory after the copy, as the triggers count them.
        let grams = try server.psql("""
            SELECT (SELECT count(*) FROM searchGram WHERE users <> 0), (SELECT count(*) FROM (
                (SELECT gram, users FROM searchGram WHERE users <> 0
                 EXCEPT SELECT g, count(*) FROM users, roster_short_grams(searchText) AS g GROUP BY g)
                UNION ALL
                (SELECT g, count(*) FROM users, roster_short_grams(searchText) AS g GROUP BY g
                 EXCEPT SELECT gram, users FROM searchGram WHERE users <> 0)) AS differing)
            """, database: database).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|")
        #expect(grams.count == 2 && (Int(grams[0]) ?? 0) > 20 && grams[1] == "0", "\(grams)")
        let onPostgres = ["ROSTER_DB": address]
        let login = try cli.run(["login", "--email", "admin@example.com", "--password-stdin"], stdin: CLI.adminPassword + "\n", environment: onPostgres)
        #expect(login.status == 0, "\(login.err)")
        let postgresList = try cli.run(["users", "list", "--json"], environment: onPostgres).out
        #expect(Self.emails(postgresList) == Self.emails(sqliteList) && Self.emails(sqliteList).count == 4)
        let verify = try cli.run(["audit", "verify"], environment: onPostgres)
        #expect(verify.status == 0, "\(verify.err)")
        let audit = try cli.run(["audit", "list", "--action", "database.migrate-to"], environment: onPostgres)
        #expect(audit.out.contains("database.migrate-to"), "\(audit.out)\(audit.err)")
        let next = try cli.run(["users", "create", "--email", "next@example.com", "--first", "Next", "--last", "One", "--json"],
                               environment: onPostgres)
        let goneID = Self.ids(gone.out).first ?? 0, nextID = Self.ids(next.out).first ?? 0
        #expect(goneID > 0 && nextID > goneID, "a new account gets a new id (\(nextID)), never the deleted one's (\(goneID))")
        let again = try cli.run(["migrate-to", address])
        #expect(again.status != 0 && again.err.contains("not empty"), "\(again.err)")
    }

    @Test("migrate-to refuses a trail that doesn't hold, and leaves the target empty")
    func migrateToBrokenTrail() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        try DatabaseQueue(path: cli.database).write { db in try db.execute(sql: "UPDATE auditEntry SET actor = 'mallory' WHERE id = 2") }
        let server = try PostgresServer.shared()
        let name = try server.createDatabase(prefix: "migrate")
        let refused = try cli.run(["migrate-to", server.address(name)])
        #expect(refused.status != 0 && refused.err.contains("broken at row 2"), "\(refused.err)")
        #expect(try server.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", database: name)
            .trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    static func ids(_ json: String) -> [Int] {
        json.components(separatedBy: "\"id\"").dropFirst().compactMap { part in
            Int(part.drop { !$0.isNumber }.prefix { $0.isNumber })
        }
    }

    static func emails(_ json: String) -> [String] {
        json.components(separatedBy: "\"email\"").dropFirst().compactMap { part in
            part.split(separator: "\"").dropFirst().first.map(String.init)
        }
    }

    @Test("over SSH on PostgreSQL: authorized-keys forces the session onto the same address, quoted for the shell, and the session runs")
    func sshOnPostgres() throws {
        let server = try PostgresServer.shared()
        let name = try server.createDatabase(prefix: "ssh")
        let socket = server.directory.replacingOccurrences(of: "/", with: "%2F")
        let uri = "postgresql://postgres@\(socket):\(server.port)/\(name)?connect_timeout=5&application_name=roster"
        let cli = try CLI(database: uri)
        try cli.initializeAndLogin()
        let added = try cli.run(["users", "ssh-keys", "add", "admin@example.com", "-"], stdin: SSHCLITests.ed25519)
        #expect(added.status == 0, "\(added.err)")
        let words = SSHCLITests.ed25519.split(separator: " ").map(String.init)
        let known = try cli.run(["ssh", "authorized-keys", "roster", words[0], words[1]])
        #expect(known.status == 0 && known.out.contains("--db '\(uri)' ssh session --key 1\""), "\(known.out)\(known.err)")
        // sshd's session keeps HOME but not XDG_DATA_HOME: the service account's key file lives
        // under its own data home, ~/.local/share/roster/postgres.key.
        try FileManager.default.createDirectory(atPath: cli.home + "/.local/share/roster", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: cli.home + "/share/roster/postgres.key", toPath: cli.home + "/.local/share/roster/postgres.key")
        let session = try cli.run(["--db", uri, "ssh", "session", "--key", "1"],
                                  environment: ["SSH_CONNECTION": "127.0.0.1 50022 127.0.0.1 22", "SSH_ORIGINAL_COMMAND": "users list"])
        #expect(session.status == 0 && session.out.contains("admin@example.com"), "\(session.out)\(session.err)")
        let quoted = try CLI(database: "host=\(server.directory) dbname=\(name) application_name='x'")
        let refused = try quoted.run(["ssh", "authorized-keys", "roster", words[0], words[1]])
        #expect(refused.status != 0 && refused.out.isEmpty && refused.err.contains("forced command can't carry"), "\(refused.err)")
    }
}

/// What racing processes returned, by index.
final class ConcurrentOutcomes: Sendable {
    private let results = Mutex<[Int: CLI.Result]>([:])

    func record(_ index: Int, _ result: CLI.Result?) {
        results.withLock { $0[index] = result }
    }

    var all: [CLI.Result?] {
        results.withLock { results in (0..<2).map { results[$0] } }
    }
}
