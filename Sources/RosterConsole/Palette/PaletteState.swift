import RosterTerminal

/// The `:` command palette: every action of every screen, by name or by a verb a person
/// would type, narrowed as the operator types; the screen it was opened on first. Choosing
/// one presses its keys, so it runs exactly as the keys would: one of another screen (or of
/// the selected user's drawer) first presses the keys that go there. One that can't be
/// taken now is listed dim with the reason, never hidden.
public struct PaletteState: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var title: String
        /// "j/↓", as help prints them.
        public var keys: String
        /// The key it sends.
        public var key: Key
        /// Why it can't be taken now (nil: it can).
        public var refusal: String?
        /// Keys pressed first to reach the screen it belongs to ([] on the screen itself).
        public var prelude: [Key] = []
        /// Other words it is found by (`Binding.also`).
        public var words: [String] = []

        /// Every key it presses, in order.
        public var sequence: [Key] { prelude + [key] }
    }

    public var entries: [Entry]
    public var query = ""
    public var selected = 0

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The entries whose name, verbs or keys hold every word typed, in the order given.
    public var matches: [Entry] {
        let words = query.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return entries }
        return entries.filter { entry in
            let text = ([entry.title, entry.keys] + entry.words).joined(separator: " ").lowercased()
            return words.allSatisfy { text.contains($0) }
        }
    }

    /// The entries for a keymap: one per binding, `refusal` asked of each action. Another
    /// screen's are reached by pressing `prelude` first, and named `place: help`.
    static func entries<Action>(_ keymap: Keymap<Action>, ascii: Bool, place: String? = nil, prelude: [Key] = [],
                                refusal: (Action) -> String? = { _ in nil }) -> [Entry] {
        keymap.bindings.compactMap { binding in
            binding.keys.first.map { key in
                Entry(title: place.map { "\($0): \(binding.help)" } ?? binding.help, keys: binding.keyNames(ascii: ascii), key: key,
                      refusal: refusal(binding.action), prelude: prelude, words: binding.also)
            }
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
    public static let keymap = Keymap<PaletteAction>("Commands", id: "commands", [
        Binding(id: "run", [.enter], "run", footer: true, .run),
        Binding(id: "next", [.down, .control("n")], "next", footer: true, .move(1)),
        Binding(id: "previous", [.up, .control("p")], "previous", .move(-1)),
        Binding(id: "erase-a-character", [.backspace], "erase a character", .erase),
        Binding(id: "erase-what-was-typed", [.control("u")], "erase what was typed", .clear),
        // Ctrl-C closes the palette rather than quitting.
        Binding(id: "close", [.escape, .control("c")], "close", footer: true, .close),
    ])

    /// Where a key left the palette.
    enum Outcome: Equatable {
        case open
        case closed
        /// Closed, and these keys are to be pressed for the operator, in order.
        case run([Key])
    }

    static func reduce(_ palette: inout PaletteState, key: Key) -> Outcome {
        if let action = keymap.action(for: key) {
            let count = palette.matches.count
            switch action {
            case .run:
                guard palette.matches.indices.contains(palette.selected) else { return .open }
                return .run(palette.matches[palette.selected].sequence)
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
