import RosterTerminal

/// The `:` command palette: every action of the screen it was opened on, by name, narrowed
/// as the operator types. Choosing one sends its key, so it runs exactly as the key would;
/// one that can't be taken now is listed dim with the reason, never hidden.
public struct PaletteState: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var title: String
        /// "j/↓", as help prints them.
        public var keys: String
        /// The key it sends.
        public var key: Key
        /// Why it can't be taken now (nil: it can).
        public var refusal: String?
    }

    public var entries: [Entry]
    public var query = ""
    public var selected = 0

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The entries whose name or keys hold every word typed, in keymap order.
    public var matches: [Entry] {
        let words = query.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return entries }
        return entries.filter { entry in
            let text = (entry.title + " " + entry.keys).lowercased()
            return words.allSatisfy { text.contains($0) }
        }
    }

    /// The entries for a keymap: one per binding, `refusal` asked of each action.
    static func entries<Action>(_ keymap: Keymap<Action>, ascii: Bool, refusal: (Action) -> String? = { _ in nil }) -> [Entry] {
        keymap.bindings.compactMap { binding in
            binding.keys.first.map { Entry(title: binding.help, keys: binding.keyNames(ascii: ascii), key: $0, refusal: refusal(binding.action)) }
        }
    }
}

/// What a key does in the palette.
public enum PaletteAction: Equatable, Sendable {
    case run
    case close
    case move(Int)
    case erase
    case clear
}

extension PaletteAction {
    public static let keymap = Keymap<PaletteAction>("Commands", [
        Binding([.enter], "run", footer: true, .run),
        Binding([.down, .control("n")], "next", footer: true, .move(1)),
        Binding([.up, .control("p")], "previous", .move(-1)),
        Binding([.backspace], "erase a character", .erase),
        Binding([.control("u")], "erase what was typed", .clear),
        // Ctrl-C closes the palette rather than quitting.
        Binding([.escape, .control("c")], "close", footer: true, .close),
    ])

    /// Where a key left the palette.
    enum Outcome: Equatable {
        case open
        case closed
        /// Closed, and this key is to be pressed for the operator.
        case run(Key)
    }

    static func reduce(_ palette: inout PaletteState, key: Key) -> Outcome {
        if let action = keymap.action(for: key) {
            let count = palette.matches.count
            switch action {
            case .run:
                guard palette.matches.indices.contains(palette.selected) else { return .open }
                return .run(palette.matches[palette.selected].key)
            case .close:
                return .closed
            case .move(let by):
                if count > 0 { palette.selected = (palette.selected + by + count) % count }
            case .erase:
                if !palette.query.isEmpty { palette.query.removeLast() }
                palette.selected = 0
            case .clear:
                palette.query = ""
                palette.selected = 0
            }
            return .open
        }
        // Typed text narrows the list; pasted control characters never get in.
        if case .character(let character) = key, !character.isNewline,
           !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }), palette.query.count < 80 {
            palette.query.append(character)
            palette.selected = 0
        }
        return .open
    }
}
