import Foundation

/// What to draw for a character when the terminal's locale is not UTF-8 (C/POSIX): ncurses
/// can only send ASCII then, and would draw anything else as a blank, silently.
public enum AsciiFallback {
    /// Punctuation the console itself draws, spelled in ASCII.
    static let punctuation: [Character: String] = [
        "–": "-", "—": "-", "‐": "-", "“": "\"", "”": "\"", "‘": "'", "’": "'", "…": "~", "•": "*",
        "▲": "^", "▼": "v", "✓": "y", "×": "x", "→": ">", "←": "<", "↑": "^", "↓": "v", "·": ".",
    ]

    /// `columns` ASCII characters for `character`: itself if ASCII, accents dropped when that
    /// leaves ASCII ("é" → "e"), known punctuation spelled out, otherwise "?" per column, so
    /// the person sees that something is there and columns stay aligned.
    public static func text(for character: Character, columns: Int) -> String {
        let width = max(1, columns)
        if character.isASCII { return String(character) + String(repeating: " ", count: width - 1) }
        if let spelled = punctuation[character], spelled.count == width { return spelled }
        let folded = String(character).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        if folded.count == width, folded.allSatisfy(\.isASCII), !folded.contains(where: \.isNewline) { return folded }
        return String(repeating: "?", count: width)
    }
}
