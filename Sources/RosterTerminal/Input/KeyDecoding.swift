extension Key {
    /// The key a character read from the terminal stands for: Tab, Enter, Esc, Backspace,
    /// Ctrl plus a letter, or the character itself; nil for a value that is no Unicode scalar
    /// (a terminal can send anything). Special keys (arrows, PgDn) arrive as key codes.
    public init?(character value: UInt32) {
        switch value {
        case 9: self = .tab
        case 10, 13: self = .enter
        case 27: self = .escape
        case 8, 127: self = .backspace
        case 1...26:
            guard let scalar = Unicode.Scalar(value + 96) else { return nil }
            self = .control(Character(scalar))
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            self = .character(Character(scalar))
        }
    }
}

extension Key {
    /// What an escape sequence ncurses did not recognise stands for, given the characters that
    /// came right behind Esc. A terminal whose terminfo entry doesn't match `TERM` (xterm's
    /// entry inside tmux, say) sends End as `ESC [ 4 ~`; read one character at a time, that was
    /// Esc, "[", "4" (the fourth tab) and "~". The common cursor and editing keys of the VT
    /// and xterm families are understood; any other complete sequence is `.ignored`; a lone
    /// Esc, or Esc before anything that starts no sequence, is `.escape`.
    public enum EscapeSequence: Equatable, Sendable {
        /// Esc pressed on its own: nothing of a sequence follows.
        case escape
        /// The sequence, whole, stood for this key.
        case key(Key)
        /// A whole sequence of no key the console uses: to be dropped, not typed.
        case ignored
    }

    /// Reads what follows Esc with `next`, which returns the next character already sent, or
    /// nil when none is waiting; reads no further than the sequence's last character.
    public static func escapeSequence(next: () -> UInt32?) -> EscapeSequence {
        guard let introducer = next() else { return .escape }
        switch introducer {
        case 0x4F:  // SS3 "O": one final character.
            guard let final = next() else { return .ignored }
            return ss3Keys[final].map(EscapeSequence.key) ?? .ignored
        case 0x5B:  // CSI "[": parameters and intermediates, then a final character 0x40–0x7E.
            var parameters: [UInt32] = []
            while let value = next() {
                if (0x40...0x7E).contains(value) {
                    let numbers = String(decoding: parameters.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
                    return csiKey(final: value, parameters: numbers).map(EscapeSequence.key) ?? .ignored
                }
                guard (0x20...0x3F).contains(value), parameters.count < 32 else { return .ignored }
                parameters.append(value)
            }
            return .ignored
        default:
            // Alt plus a key, or Esc then a key typed fast: Esc goes first, the key is read next.
            return .escape
        }
    }

    private static let ss3Keys: [UInt32: Key] = [
        0x41: .up, 0x42: .down, 0x43: .right, 0x44: .left, 0x48: .home, 0x46: .end,
        0x50: .function(1), 0x51: .function(2), 0x52: .function(3), 0x53: .function(4), 0x4D: .enter,
    ]

    private static func csiKey(final: UInt32, parameters: String) -> Key? {
        // A modifier (";5" for Ctrl, say) is read as the key alone.
        let first = parameters.split(separator: ";").first.map(String.init) ?? ""
        switch (final, first) {
        case (0x41, _): return .up
        case (0x42, _): return .down
        case (0x43, _): return .right
        case (0x44, _): return .left
        case (0x48, _): return .home
        case (0x46, _): return .end
        case (0x5A, _): return .backTab
        case (0x7E, "1"), (0x7E, "7"): return .home
        case (0x7E, "4"), (0x7E, "8"): return .end
        case (0x7E, "3"): return .delete
        case (0x7E, "5"): return .pageUp
        case (0x7E, "6"): return .pageDown
        default: return nil
        }
    }
}
