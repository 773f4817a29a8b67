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

/// The console's main screens, in the order Tab visits them.
public enum ScreenID: Int, CaseIterable, Sendable {
    case users, orgs, audit, outbox, settings

    public var title: String {
        switch self {
        case .users: "Users"
        case .orgs: "Orgs"
        case .audit: "Audit"
        case .outbox: "Outbox"
        case .settings: "Settings"
        }
    }
}

extension AppAction {
    public static let keymap = Keymap<AppAction>("Everywhere", id: "everywhere", [
        Binding(id: "commands", [":"], "commands (type to narrow)", short: "commands", footer: true, .palette),
        Binding(id: "help", ["?"], "help", footer: true, .help),
        Binding(id: "quit", ["q", .control("c")], "quit", footer: true, .quit),
        Binding(id: "next-screen", [.tab], "next screen", .nextScreen),
        Binding(id: "previous-screen", [.backTab], "previous screen", .previousScreen),
        Binding(id: "users", ["1"], "users", .go(.users)),
        Binding(id: "organizations", ["2"], "organizations", .go(.orgs)),
        Binding(id: "audit-trail", ["3"], "audit trail", .go(.audit)),
        Binding(id: "outbox", ["4"], "outbox", .go(.outbox)),
        Binding(id: "system-settings", ["5"], "system settings", .go(.settings)),
    ])
}
