import Foundation
import RosterConsole
import RosterTerminal
import TOMLKit

/// `$XDG_CONFIG_HOME/roster/config.toml` (else `~/.config/roster/config.toml`): the console's
/// theme and any keys rebound. A missing file is the defaults; a bad one stops the console
/// with one line naming the line or the key, before the terminal is touched.
///
///     theme = "monochrome"          # or "auto" (colors when the terminal has them)
///     [keys]
///     "users.filter" = "f"          # one key, or several: ["f", "/"]
///     "everywhere.quit" = ["q", "ctrl-q"]
struct ConsoleConfig: Equatable {
    enum Theme: String, CaseIterable { case auto, monochrome }

    var theme = Theme.auto
    var keys: [String: [Key]] = [:]

    static func path(environment: [String: String] = CommandEnvironment.current.variables) -> String {
        // As the XDG spec says, a relative XDG_CONFIG_HOME is ignored.
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/roster/config.toml"
    }

    static func load(from path: String = path()) throws -> ConsoleConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return ConsoleConfig() }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws -> ConsoleConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw CLIError("\(path) line \(error.source.begin.line): \(error.description). Fix it, or move the file away.")
        }
        var config = ConsoleConfig()
        for key in table.keys where key != "theme" && key != "keys" {
            throw CLIError("\(path): “\(key)” is not a setting; use theme and [keys].")
        }
        if let value = table["theme"] {
            guard let name = value.string, let theme = Theme(rawValue: name) else {
                throw CLIError("\(path): theme is \(Theme.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")).")
            }
            config.theme = theme
        }
        if let value = table["keys"] {
            guard let keys = value.table else { throw CLIError("\(path): keys is a table: [keys] then \"users.filter\" = \"f\".") }
            for id in keys.keys {
                guard let entry = keys[id] else { continue }
                let names = entry.string.map { [$0] } ?? entry.array?.compactMap { $0.string } ?? []
                guard !names.isEmpty else { throw CLIError("\(path): keys.\(id) takes a key or a list of keys, such as \"f\" or [\"f\", \"ctrl-f\"].") }
                config.keys[id] = try names.map { name in
                    guard let key = ConsoleKeymaps.key(named: name) else {
                        throw CLIError("\(path): keys.\(id): “\(name)” is not a key; try \"f\", \"F\", \"ctrl-f\", \"enter\", \"esc\", \"tab\", \"space\" or \"f2\".")
                    }
                    return key
                }
            }
            if let problem = ConsoleKeymaps.problem(with: config.keys) { throw CLIError("\(path): \(problem)") }
        }
        return config
    }
}
