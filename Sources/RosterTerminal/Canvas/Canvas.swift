/// Something screens draw on: an in-memory `CellGrid` in tests, the terminal in the app.
/// All text is sanitized and measured per grapheme before it lands in a cell.
public protocol Canvas {
    var size: Size { get }
    /// Where the terminal cursor should be left (for text fields); nil hides it.
    var cursor: Point? { get set }
    /// Sets one cell. `character` must already be sanitized and `width` its display width (1 or 2).
    mutating func set(_ character: Character, width: Int, at point: Point, style: Style)
    /// Sets every cell of `rect` (clipped to the canvas) to one character of width 1. A canvas
    /// may do it faster than cell by cell: every frame fills most of the screen a few times.
    mutating func fillCells(_ rect: Rect, with character: Character, style: Style)
}

extension Canvas {
    /// Draws `text` from `point`, clipped at `maxWidth` columns (and the canvas edge),
    /// sanitized first. Returns the number of columns used.
    // Inlinable, so screens drawing on a `CellGrid` in other modules call its cells directly
    // rather than through the protocol, a few thousand times a frame.
    @discardableResult @inlinable
    public mutating func put(_ text: String, at point: Point, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard point.y >= 0, point.y < size.height, point.x < size.width else { return 0 }
        let limit = min(size.width - point.x, maxWidth ?? Int.max)
        var x = point.x
        var used = 0
        for character in TextSanitizer.sanitize(text) {
            let width = DisplayWidth.of(character)
            if width == 0 { continue }
            if used + width > limit { break }
            if x >= 0 { set(character, width: width, at: Point(x: x, y: point.y), style: style) }
            x += width
            used += width
        }
        return used
    }

    /// Fills a rectangle with one character (a space by default).
    @inlinable
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .normal) {
        fillCells(rect, with: character, style: style)
    }

    public mutating func fillCells(_ rect: Rect, with character: Character, style: Style) {
        for y in max(0, rect.minY)..<min(size.height, rect.maxY) {
            for x in max(0, rect.minX)..<min(size.width, rect.maxX) {
                set(character, width: 1, at: Point(x: x, y: y), style: style)
            }
        }
    }

    /// Writes `text` padded or truncated (with an ellipsis) to exactly `width` columns.
    @inlinable
    public mutating func put(_ text: String, at point: Point, width: Int, style: Style = .normal,
                             alignRight: Bool = false, glyphs: Glyphs = .unicode) {
        guard width > 0 else { return }
        let fitted = DisplayWidth.pad(TextSanitizer.sanitize(text), to: width, alignRight: alignRight, ellipsis: glyphs.ellipsis)
        fill(Rect(x: point.x, y: point.y, width: width, height: 1), style: style)
        put(fitted, at: point, style: style, maxWidth: width)
    }
}
