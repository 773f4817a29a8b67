import RosterTerminal

/// Keys that mean the same on every screen that isn't taking typed text or asking a question:
/// looked up before the screen's own keymap, and shown after it in the footer and help.
public enum AppAction: Equatable, Sendable {
    case palette
    case help
    case quit
}

extension AppAction {
    public static let keymap = Keymap<AppAction>("Everywhere", [
        Binding([":"], "commands (type to narrow)", short: "commands", footer: true, .palette),
        Binding(["?"], "help", footer: true, .help),
        Binding(["q", .control("c")], "quit", footer: true, .quit),
    ])
}
