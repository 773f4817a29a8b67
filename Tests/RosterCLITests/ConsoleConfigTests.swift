import Foundation
@testable import roster
import RosterConsole
import RosterTerminal
import Testing

@Suite("config.toml: theme and rebound keys")
struct ConsoleConfigTests {
    func problem(_ text: String) -> String? {
        do {
            _ = try ConsoleConfig.parse(text, path: "config.toml")
            return nil
        } catch {
            return (error as? CLIError)?.message ?? "\(error)"
        }
    }

    @Test("a theme and rebound keys are read; a missing file is the defaults")
    func reads() throws {
        let config = try ConsoleConfig.parse("""
            theme = "monochrome"
            [keys]
            "users.filter" = "f"
            "everywhere.quit" = ["q", "ctrl-q"]
            """, path: "config.toml")
        #expect(config.theme == .monochrome)
        #expect(config.keys == ["users.filter": [.character("f")], "everywhere.quit": [.character("q"), .control("q")]])
        #expect(try ConsoleConfig.load(from: "/nonexistent/roster/config.toml") == ConsoleConfig())
    }

    @Test("each bad file is one line naming the line or the key", arguments: [
        ("theme = \"mono", "config.toml line 1:"),
        ("theme = \"purple\"", "theme is \"auto\" or \"monochrome\""),
        ("colour = 1", "“colour” is not a setting"),
        ("[keys]\n\"users.filtr\" = \"f\"", "keys.users.filtr: no such binding"),
        ("[keys]\n\"users.filter\" = \"ctrl-ff\"", "keys.users.filter: “ctrl-ff” is not a key"),
        ("[keys]\n\"users.filter\" = \"s\"", "keys.users.filter: s is also “sort by next column” in Users"),
        ("[keys]\n\"users.filter\" = 3", "keys.users.filter takes a key or a list of keys"),
    ])
    func badFiles(text: String, expected: String) {
        let message = problem(text)
        #expect(message?.contains(expected) == true, "\(String(describing: message))")
        #expect(message?.contains("\n") == false, "one line")
    }

    @Test("rebound keys are what the keymap answers to, and what help and the footer print")
    func rebindingApplies() throws {
        let rebound: [String: [Key]] = ["users.filter": [.character("f")]]
        let bindings = UsersAction.keymap.bindings(rebound: rebound)
        let filter = try #require(bindings.first { $0.action == .beginFilter })
        #expect(filter.keys == [.character("f")] && filter.keyNames(ascii: false) == "f")
        #expect(!bindings.contains { $0.keys.contains("/") }, "the old key no longer filters")
        #expect(ConsoleKeymaps.all.count == Set(ConsoleKeymaps.all.map(\.id)).count, "every binding has its own id")
    }
}
