import ArgumentParser
import Foundation
import RosterCore

/// Where the database lives: `--db`, else `ROSTER_DB`, else `$XDG_DATA_HOME/roster/roster.sqlite`.
/// A path is an SQLite file; `postgresql://…` or libpq's `host=… dbname=…` is PostgreSQL.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Database: an SQLite file, or a PostgreSQL address (postgresql://user@host/db, no password: use ~/.pgpass). "
            + "Default: $ROSTER_DB, else $XDG_DATA_HOME/roster/roster.sqlite.", valueName: "address"))
    var path: String?

    init() {}

    /// Options as if `--db path` had been given (nil: not given).
    init(path: String?) {
        self.path = path
    }

    /// The absolute path to use, for commands that work on an SQLite file only.
    func resolvedPath(_ environment: [String: String] = CommandEnvironment.current.variables) -> String {
        if let path, !path.isEmpty { return Self.absolute(path) }
        if let path = environment["ROSTER_DB"], !path.isEmpty { return Self.absolute(path) }
        return Self.dataHome(environment) + "/roster/roster.sqlite"
    }

    /// The database named by `--db`, `ROSTER_DB` or the default: a file or a PostgreSQL address.
    func resolvedAddress(_ environment: [String: String] = CommandEnvironment.current.variables) throws -> StorageAddress {
        let given = [path, environment["ROSTER_DB"]].compactMap { $0 }.first { !$0.isEmpty }
        if let given, case .postgres(let address) = try StorageAddress.parse(given) { return .postgres(address) }
        return .file(resolvedPath(environment))
    }

    /// The key file that seals MFA secrets and signs the audit trail: beside an SQLite file;
    /// for PostgreSQL, `ROSTER_KEY_FILE`, else `$XDG_DATA_HOME/roster/postgres.key` (every host
    /// of one database needs the same key file; the database refuses another).
    static func keyFile(for address: StorageAddress, _ environment: [String: String] = CommandEnvironment.current.variables) -> String {
        switch address {
        case .file(let path): return KeyFile.path(forDatabase: path)
        case .postgres:
            if let file = environment["ROSTER_KEY_FILE"], !file.isEmpty { return absolute(file) }
            return dataHome(environment) + "/roster/postgres.key"
        }
    }

    static func dataHome(_ environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
    }

    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((FileManager.default.currentDirectoryPath + "/" + expanded) as NSString).standardizingPath
    }
}
