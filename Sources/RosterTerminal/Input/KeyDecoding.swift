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
