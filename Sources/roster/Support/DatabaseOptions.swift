import ArgumentParser
import Foundation

/// Where the database lives: `--db`, else `ROSTER_DB`, else `$XDG_DATA_HOME/roster/roster.sqlite`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Database file. Default: $ROSTER_DB, else $XDG_DATA_HOME/roster/roster.sqlite.", valueName: "path"))
    var path: String?

    init() {}

    /// Options as if `--db path` had been given (nil: not given).
    init(path: String?) {
        self.path = path
    }

    /// The absolute path to use.
    func resolvedPath(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path, !path.isEmpty { return Self.absolute(path) }
        if let path = environment["ROSTER_DB"], !path.isEmpty { return Self.absolute(path) }
        return Self.dataHome(environment) + "/roster/roster.sqlite"
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
