import RosterTerminal

/// One line of a keymap: the keys, what the help screen calls it, and the action it sends.
public struct Binding<Action>: Sendable where Action: Sendable {
    public var keys: [Key]
    public var help: String
    /// What the footer calls it, where room is short (the help's words otherwise).
    public var short: String
    /// Shown in the footer when true; every binding is on the help screen and in the palette.
    public var inFooter: Bool
    public var action: Action

    public init(_ keys: [Key], _ help: String, short: String? = nil, footer: Bool = false, _ action: Action) {
        self.keys = keys
        self.help = help
        self.short = short ?? help
        self.inFooter = footer
        self.action = action
    }

    /// "j/↓", as the help screen and footer print the keys.
    public func keyNames(ascii: Bool) -> String {
        keys.map { ascii ? $0.asciiDescription : $0.description }.joined(separator: "/")
    }
}

/// Keys as data: the reducer looks actions up here, and the footer and `?` help screen are
/// generated from the same list, so they can never disagree with what the keys do.
public struct Keymap<Action>: Sendable where Action: Sendable {
    public var title: String
    public var bindings: [Binding<Action>]

    public init(_ title: String, _ bindings: [Binding<Action>]) {
        self.title = title
        self.bindings = bindings
    }

    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    public func footerHints(ascii: Bool) -> [KeyHint] {
        footerHints(ascii: ascii) { _ in true }
    }

    /// The footer's hints, each dimmed when `enabled` says the action can't be taken now.
    public func footerHints(ascii: Bool, enabled: (Action) -> Bool) -> [KeyHint] {
        bindings.filter(\.inFooter).map { KeyHint(keys: $0.keyNames(ascii: ascii), label: $0.short, enabled: enabled($0.action)) }
    }

    /// Every binding as (keys, help), for the help screen.
    public func helpLines(ascii: Bool) -> [(keys: String, help: String)] {
        bindings.map { ($0.keyNames(ascii: ascii), $0.help) }
    }
}
