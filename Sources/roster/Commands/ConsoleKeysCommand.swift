import ArgumentParser
import Foundation
import RosterConsole

/// Lists the console's keys by the ids `config.toml` rebinds them with.
struct ConsoleKeysCommand: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "console-keys",
        abstract: "List the console's keys, with the ids config.toml rebinds them by.",
        discussion: """
            Rebind in $XDG_CONFIG_HOME/roster/config.toml (else ~/.config/roster/config.toml):
              [keys]
              "users.filter" = "f"
              "everywhere.quit" = ["q", "ctrl-q"]
            Keys are named like "f", "F", "ctrl-f", "enter", "esc", "tab", "shift-tab", "space", "up", "pgdn", "f2".
            `theme = "monochrome"` draws with attributes only.
            """)

    func execute() throws {
        let config = try ConsoleConfig.load()
        var keymap = ""
        for entry in ConsoleKeymaps.all {
            if entry.keymap != keymap {
                if !keymap.isEmpty { Output.line("") }
                keymap = entry.keymap
                Output.line(keymap)
            }
            let keys = (config.keys[entry.id] ?? entry.keys).map(\.description).joined(separator: " ")
            let rebound = config.keys[entry.id] == nil ? "" : "  (rebound)"
            Output.line("  \(entry.id.padding(toLength: 44, withPad: " ", startingAt: 0)) \(keys.padding(toLength: 18, withPad: " ", startingAt: 0)) \(entry.help)\(rebound)")
        }
    }
}
