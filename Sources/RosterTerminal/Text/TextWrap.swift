/// Word wrapping by display width, for messages and hints.
public enum TextWrap {
    /// Lines of at most `width` columns, broken at spaces; a word longer than a line is broken
    /// across lines, never cut (it may be a key or a link to copy whole).
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if DisplayWidth.of(candidate) <= width {
                current = candidate
            } else {
                if !current.isEmpty { lines.append(current) }
                current = ""
                for character in word {
                    if DisplayWidth.of(current + String(character)) > width, !current.isEmpty {
                        lines.append(current)
                        current = ""
                    }
                    current.append(character)
                }
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
