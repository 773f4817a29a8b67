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

    /// Reads one environment variable: the real process's with getenv. Not Foundation's
    /// dictionary of the whole environment, which cost sshd's key lookup (a process at every
    /// connection) more than everything else it reads there.
    typealias Variable = (String) -> String?

    /// The absolute path to use, for commands that work on an SQLite file only.
    func resolvedPath(_ variable: Variable = CommandEnvironment.current.variable) -> String {
        Self.path(given: path, variable)
    }

    /// The database named by `--db`, `ROSTER_DB` or the default: a file or a PostgreSQL address.
    func resolvedAddress(_ variable: Variable = CommandEnvironment.current.variable) throws -> StorageAddress {
        try Self.address(given: path, variable)
    }

    /// `resolvedPath` for `--db given` (nil: not given), without the options: the key lookup's
    /// fast path skips the parser, and making an `@Option` wakes it.
    static func path(given: String?, _ variable: Variable = CommandEnvironment.current.variable) -> String {
        if let given, !given.isEmpty { return absolute(given) }
        if let path = variable("ROSTER_DB"), !path.isEmpty { return absolute(path) }
        return dataHome(variable) + "/roster/roster.sqlite"
    }

    /// `resolvedAddress` for `--db given` (nil: not given), without the options.
    static func address(given: String?, _ variable: Variable = CommandEnvironment.current.variable) throws -> StorageAddress {
        let named = [given, variable("ROSTER_DB")].compactMap { $0 }.first { !$0.isEmpty }
        if let named, case .postgres(let address) = try StorageAddress.parse(named) { return .postgres(address) }
        return .file(path(given: given, variable))
    }

    /// The key file that seals MFA secrets and signs the audit trail: beside an SQLite file;
    /// for PostgreSQL, `ROSTER_KEY_FILE`, else `$XDG_DATA_HOME/roster/postgres.key` (every host
    /// of one database needs the same key file; the database refuses another).
    static func keyFile(for address: StorageAddress, _ variable: Variable = CommandEnvironment.current.variable) -> String {
        switch address {
        case .file(let path): return KeyFile.path(forDatabase: path)
        case .postgres:
            if let file = variable("ROSTER_KEY_FILE"), !file.isEmpty { return absolute(file) }
            return dataHome(variable) + "/roster/postgres.key"
        }
    }

    static func dataHome(_ variable: Variable = CommandEnvironment.current.variable) -> String {
        if let xdg = variable("XDG_DATA_HOME"), xdg.hasPrefix("/") { return xdg }
        return (variable("HOME") ?? NSHomeDirectory()) + "/.local/share"
    }

    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((FileManager.default.currentDirectoryPath + "/" + expanded) as NSString).standardizingPath
    }
}
