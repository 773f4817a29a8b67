import RosterTerminal
import Synchronization

/// One line of a keymap: the keys, what the help screen calls it, and the action it sends.
public struct Binding<Action>: Sendable where Action: Sendable {
    /// The keys it answers to (the defaults, or what `config.toml` rebinds them to).
    public var keys: [Key]
    public var help: String
    /// What the footer calls it, where room is short (the help's words otherwise).
    public var short: String
    /// Shown in the footer when true; every binding is on the help screen and in the palette.
    public var inFooter: Bool
    public var action: Action
    /// Other words the palette finds it by: the verbs a person types ("deactivate" for
    /// "(de)activate").
    public var also: [String]
    /// "filter": the binding's own part of its id, given where it is declared. Never derived
    /// from the labels, so rewording one can't break a `config.toml` that rebinds it.
    public let localID: String
    /// "users.filter": the keymap's id and the binding's, as `config.toml` and `roster console-keys`
    /// spell them. Set by the keymap the binding is in.
    public internal(set) var id: String

    public init(id: String, _ keys: [Key], _ help: String, short: String? = nil, footer: Bool = false, also: [String] = [],
                _ action: Action) {
        self.localID = id
        self.id = id
        self.keys = keys
        self.help = help
        self.short = short ?? help
        self.inFooter = footer
        self.also = also
        self.action = action
    }

    /// "j/↓", as the help screen and footer print the keys.
    public func keyNames(ascii: Bool) -> String {
        keys.map { ascii ? $0.asciiDescription : $0.description }.joined(separator: "/")
    }
}

/// Keys as data: the reducer looks actions up here, and the footer, `?` help and `:` palette
/// are generated from the same list, so they can never disagree with what the keys do.
public struct Keymap<Action>: Sendable where Action: Sendable {
    public var title: String
    /// "users": the first part of each binding's id. Stable, whatever the title says.
    public let id: String
    private let defaults: [Binding<Action>]

    public init(_ title: String, id: String, _ bindings: [Binding<Action>]) {
        self.title = title
        self.id = id
        self.defaults = bindings.map { binding in
            var binding = binding
            binding.id = id + "." + binding.localID
            return binding
        }
    }

    /// The bindings as in force: the defaults with any rebinding from `config.toml` applied.
    public var bindings: [Binding<Action>] {
        bindings(rebound: KeyRebinding.current)
    }

    /// The bindings with `rebound` applied (by binding id).
    public func bindings(rebound: [String: [Key]]) -> [Binding<Action>] {
        guard !rebound.isEmpty else { return defaults }
        return defaults.map { binding in
            var binding = binding
            if let keys = rebound[binding.id] { binding.keys = keys }
            return binding
        }
    }

    /// The bindings as shipped, for `roster keys` and for checking a config file.
    public var defaultBindings: [Binding<Action>] { defaults }

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

/// Keys rebound by `$XDG_CONFIG_HOME/roster/config.toml`, by binding id. Installed once at
/// start, before the console runs; read by every keymap lookup.
public enum KeyRebinding {
    private static let table = Mutex<[String: [Key]]>([:])

    public static var current: [String: [Key]] { table.withLock { $0 } }

    public static func install(_ rebound: [String: [Key]]) {
        table.withLock { $0 = rebound }
    }
}
