import RosterTerminal

/// Keys that mean the same on every screen that isn't taking typed text or asking a question:
/// looked up when the screen's own keymap has nothing for the key, and shown after it in the
/// footer and help.
public enum AppAction: Equatable, Sendable {
    case palette
    case help
    case quit
    case nextScreen
    case previousScreen
    case go(ScreenID)
}

/// One of the console's main screens: its tab's title, and its number key's binding id (stable,
/// so a `config.toml` that rebinds it keeps working) and help.
public struct ScreenID: Hashable, Sendable {
    public let id: String
    public let title: String
    public let help: String

    public init(_ id: String, title: String, help: String) {
        self.id = id
        self.title = title
        self.help = help
    }

    public static let users = ScreenID("users", title: "Users", help: "users")

    /// The main screens in the order Tab visits them, numbered from 1: users, then the feature screens.
    public static let all: [ScreenID] = [.users] + ConsoleFeatures.all.map { $0.screen }
}

extension AppAction {
    public static let keymap = Keymap<AppAction>("Everywhere", id: "everywhere", [
        Binding(id: "commands", [":"], "commands (type to narrow)", short: "commands", footer: true, .palette),
        Binding(id: "help", ["?"], "help", footer: true, .help),
        Binding(id: "quit", ["q", .control("c")], "quit", footer: true, .quit),
        Binding(id: "next-screen", [.tab], "next screen", .nextScreen),
        Binding(id: "previous-screen", [.backTab], "previous screen", .previousScreen),
    ] + ScreenID.all.prefix(9).enumerated().map { number, screen in
        Binding(id: screen.id, [Key.character(Character(String(number + 1)))], screen.help, .go(screen))
    })
}
