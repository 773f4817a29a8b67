import ArgumentParser
import Foundation
import RosterConsole
import RosterCore

struct MigrateToCommand: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-to",
        abstract: "Copy this SQLite database into an empty PostgreSQL database, in one transaction.",
        discussion: """
            The audit trail is verified in the SQLite file first and in PostgreSQL before the copy is committed; \
            a trail that doesn't hold, or a target that isn't empty, is refused and nothing is written. The key \
            file comes along: it is written to ROSTER_KEY_FILE (else $XDG_DATA_HOME/roster/postgres.key) if \
            missing, and must match if present. Give every PostgreSQL host that same key file. Stop consoles \
            and scripts using the SQLite file first: changes made there after the copy are not carried over.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The empty PostgreSQL database (postgresql://user@host/db, no password: use ~/.pgpass).",
                                 valueName: "address")) var address: String

    func execute() throws {
        guard case .postgres(let target) = try StorageAddress.parse(address) else {
            throw CLIError("\(address) is not a PostgreSQL address; give postgresql://user@host/dbname or host=… dbname=…")
        }
        guard case .file(let path) = try database.resolvedAddress() else {
            throw CLIError("migrate-to copies from an SQLite file; point --db at one.")
        }
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError("No database at \(path).") }
        let sourceKey = KeyFile.path(forDatabase: path)
        let box = try KeyFile.load(from: sourceKey)
        let targetKey = DatabaseOptions.keyFile(for: .postgres(target))
        try Self.carryKey(from: sourceKey, to: targetKey)
        let source = try AppDatabase.openReadOnly(path: path)
        let start = Date()
        let report = try SQLiteToPostgres.copy(
            from: source, to: target, secrets: { box }, by: .system("migrate-to (uid \(getuid()))"), at: Date()) { table, count in
            CommandEnvironment.current.write("  \(table): \(Formatting.count(count))\n", to: .error)
        }
        let users = report.rows.first { $0.table == "users" }?.count ?? 0
        Output.line(String(format: "Copied %@ to %@ in %.1f s: %@ users, audit trail verified before and after (%@ rows). "
            + "Key file: %@ (give every host this one).", path, target.text, Date().timeIntervalSince(start),
            Formatting.count(users), Formatting.count(report.auditRows), targetKey))
    }

    /// The target hosts' key file must be the source's: written if missing, refused if different.
    static func carryKey(from source: String, to target: String) throws {
        let bytes = try PrivateFile.readPrivate(source)
        if FileManager.default.fileExists(atPath: target) {
            guard try PrivateFile.readPrivate(target) == bytes else {
                throw CLIError("\(target) already holds another key; move it away or set ROSTER_KEY_FILE to a new path. Nothing was copied.")
            }
            return
        }
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try PrivateFile.create(target, contents: bytes)
    }
}
