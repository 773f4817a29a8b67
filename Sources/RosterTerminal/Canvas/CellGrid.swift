/// An in-memory screen: what tests draw on and golden files are made of.
public struct CellGrid: Canvas, Equatable, Sendable {
    public struct Cell: Equatable, Sendable {
        public var character: Character
        public var style: Style
        /// The right half of a wide character: drawn by the cell to its left.
        public var isContinuation: Bool

        public static let blank = Cell(character: " ", style: .normal, isContinuation: false)
    }

    public let size: Size
    public var cursor: Point?
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        size = Size(width: width, height: height)
        cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public init(size: Size) {
        self.init(width: size.width, height: size.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * size.width + x]
    }

    public mutating func set(_ character: Character, width: Int, at point: Point, style: Style) {
        guard point.x >= 0, point.y >= 0, point.x < size.width, point.y < size.height else { return }
        let index = point.y * size.width + point.x
        // Overwriting half of a wide character blanks its other half.
        if cells[index].isContinuation, point.x > 0 { cells[index - 1] = Cell(character: " ", style: cells[index - 1].style, isContinuation: false) }
        if width == 2 {
            guard point.x + 1 < size.width else {
                cells[index] = Cell(character: " ", style: style, isContinuation: false)
                return
            }
            cells[index] = Cell(character: character, style: style, isContinuation: false)
            cells[index + 1] = Cell(character: " ", style: style, isContinuation: true)
        } else {
            if point.x + 1 < size.width, cells[index + 1].isContinuation {
                cells[index + 1] = Cell(character: " ", style: cells[index + 1].style, isContinuation: false)
            }
            cells[index] = Cell(character: character, style: style, isContinuation: false)
        }
    }

    public mutating func fillCells(_ rect: Rect, with character: Character, style: Style) {
        assert(DisplayWidth.of(character) == 1, "fills are one column a cell; wide characters go through set")
        let minX = max(0, rect.minX), maxX = min(size.width, rect.maxX)
        let minY = max(0, rect.minY), maxY = min(size.height, rect.maxY)
        guard minX < maxX, minY < maxY else { return }
        let cell = Cell(character: character, style: style, isContinuation: false)
        for y in minY..<maxY {
            let row = y * size.width
            // A wide character cut by either edge loses its other half, as with `set`.
            if minX > 0, cells[row + minX].isContinuation {
                cells[row + minX - 1] = Cell(character: " ", style: cells[row + minX - 1].style, isContinuation: false)
            }
            if maxX < size.width, cells[row + maxX].isContinuation {
                cells[row + maxX] = Cell(character: " ", style: cells[row + maxX].style, isContinuation: false)
            }
            for index in (row + minX)..<(row + maxX) { cells[index] = cell }
        }
    }

    /// The text a person would read, one line per row, trailing spaces trimmed.
    public var text: String {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where !self[x, y].isContinuation { line.append(self[x, y].character) }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// One letter per cell for how `theme` draws it: R reverse, U bold+underline, B bold,
    /// u underline, d dim, c colored, . plain. Shows that a theme tells roles apart.
    public func attributeLayer(theme: Theme) -> String {
        (0..<size.height).map { y in
            String((0..<size.width).map { x -> Character in
                let a = theme.appearance(of: self[x, y].style)
                if a.reverse { return "R" }
                if a.bold && a.underline { return "U" }
                if a.bold { return "B" }
                if a.underline { return "u" }
                if a.dim { return "d" }
                if a.foreground != .default || a.background != .default { return "c" }
                return "."
            })
        }.joined(separator: "\n")
    }

    /// One letter per cell for its color role (see `ColorRole.code`), uppercase when bold; `p`
    /// for a picture's cell.
    public var styleLayer: String {
        (0..<size.height).map { y in
            String((0..<size.width).map { x in
                let style = self[x, y].style
                if style.tint != nil { return "p" }
                let code = style.role.code
                return style.bold ? Character(code.uppercased()) : code
            })
        }.joined(separator: "\n")
    }
}
