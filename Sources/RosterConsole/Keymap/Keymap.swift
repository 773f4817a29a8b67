import RosterTerminal

/// One line of a keymap: the keys, what the help screen calls it, and the action it sends.
public struct Binding<Action>: Sendable where Action: Sendable {
    public var keys: [Key]
    public var help: String
    /// Shown in the footer when true; every binding is on the help screen.
    public var inFooter: Bool
    public var action: Action

    public init(_ keys: [Key], _ help: String, footer: Bool = false, _ action: Action) {
        self.keys = keys
        self.help = help
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

    public func footerHints(ascii: Bool) -> [(keys: String, label: String)] {
        bindings.filter(\.inFooter).map { ($0.keyNames(ascii: ascii), $0.help) }
    }

    /// Every binding as (keys, help), for the help screen.
    public func helpLines(ascii: Bool) -> [(keys: String, help: String)] {
        bindings.map { ($0.keyNames(ascii: ascii), $0.help) }
    }
}
