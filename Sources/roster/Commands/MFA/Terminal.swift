import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

/// Facts about the terminal the CLI prints to.
enum Terminal {
    /// Whether the locale is UTF-8, so block characters draw; otherwise ASCII is used.
    static var supportsUnicode: Bool {
        let environment = CommandEnvironment.current.variables
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"] ?? ""
        return locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
    }
}
