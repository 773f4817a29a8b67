/// The characters used for decoration, with an ASCII set for the C locale and dumb fonts.
public struct Glyphs: Sendable, Equatable {
    public var ellipsis: String
    public var ascending: String
    public var descending: String
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var bullet: String
    public var check: String
    /// Before a marked row's name.
    public var mark: String
    /// The upper half block pictures are drawn with (two pixels a cell); none in ASCII.
    public var halfBlock: Character? = nil
    /// Before the time left of a lent role (a user elevated for a while).
    public var elevated = "^"

    public static let unicode = Glyphs(ellipsis: "…", ascending: "▲", descending: "▼", horizontal: "─", vertical: "│",
                                       topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", bullet: "•", check: "✓", mark: "●",
                                       halfBlock: "▀", elevated: "↑")
    public static let ascii = Glyphs(ellipsis: "~", ascending: "^", descending: "v", horizontal: "-", vertical: "|",
                                     topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", bullet: "*", check: "y", mark: "*")
}
