/// A box near the top of the screen with a line to type in and a list of choices below it,
/// narrowed as the person types (a command palette). Choices that can't be taken are dim,
/// with their reason beside them; drawn whole on every frame.
public struct PickerBox: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var label: String
        /// Right-aligned: the key that does the same, or why the choice can't be taken.
        public var hint: String
        public var enabled: Bool

        public init(label: String, hint: String, enabled: Bool = true) {
            self.label = label
            self.hint = hint
            self.enabled = enabled
        }
    }

    public var title: String
    /// What was typed to narrow the list; nil for a list that isn't narrowed by typing.
    public var query: String?
    public var items: [Item]
    public var selected: Int
    /// Said under the list about the selected choice (why it can't be taken), in full.
    public var detail: String?
    /// Said in place of the list when nothing is in it.
    public var empty: String

    public init(title: String, query: String?, items: [Item], selected: Int, detail: String? = nil,
                empty: String = "No command matches; Backspace to widen.") {
        self.title = title
        self.query = query
        self.items = items
        self.selected = selected
        self.detail = detail
        self.empty = empty
    }

    func detailLines(width: Int) -> [String] {
        detail.map { Array(TextWrap.lines(TextSanitizer.sanitize($0), width: width).prefix(2)) } ?? []
    }

    public func rect(in size: Size) -> Rect {
        let width = max(30, min(72, size.width - 4))
        let extra = detailLines(width: width - 4).count
        // A list not narrowed by typing has no input line, nor the gap under it.
        let chrome = query == nil ? 2 : 4
        let height = min(size.height - 2, max(items.count, 1) + chrome + (extra > 0 ? extra + 1 : 0))
        return Rect(x: (size.width - width) / 2, y: 1, width: width, height: height)
    }

    public func draw(on canvas: inout some Canvas, glyphs: Glyphs) {
        let box = rect(in: canvas.size)
        Frame.draw(box, title: title, on: &canvas, glyphs: glyphs)
        let inner = box.size.width - 4
        if let query {
            let used = canvas.put("> ", at: Point(x: box.minX + 2, y: box.minY + 1), style: .accent)
            let typed = canvas.put(query, at: Point(x: box.minX + 2 + used, y: box.minY + 1), maxWidth: inner - used - 1)
            canvas.cursor = Point(x: box.minX + 2 + used + typed, y: box.minY + 1)
        }
        let notes = detailLines(width: inner)
        let top = box.minY + (query == nil ? 1 : 3)
        let room = box.size.height - (query == nil ? 2 : 4) - (notes.isEmpty ? 0 : notes.count + 1)
        for (index, line) in notes.enumerated() {
            canvas.put(line, at: Point(x: box.minX + 2, y: box.maxY - 1 - notes.count + index), style: .warning, maxWidth: inner)
        }
        guard !items.isEmpty else {
            canvas.put(empty, at: Point(x: box.minX + 2, y: top), style: .dim, maxWidth: inner)
            return
        }
        // Keep the selection in view: scroll by whole screens of the list.
        let first = max(0, selected - room + 1)
        for (offset, item) in items.dropFirst(first).prefix(room).enumerated() {
            let index = first + offset
            let y = top + offset
            let style: Style = index == selected ? .selected : item.enabled ? .normal : .dim
            canvas.fill(Rect(x: box.minX + 1, y: y, width: box.size.width - 2, height: 1), style: style)
            let hintWidth = min(DisplayWidth.of(item.hint), inner / 2)
            canvas.put(item.label, at: Point(x: box.minX + 2, y: y), style: style, maxWidth: inner - hintWidth - 2)
            canvas.put(item.hint, at: Point(x: box.maxX - 2 - hintWidth, y: y), style: index == selected ? style : .dim, maxWidth: hintWidth)
        }
    }
}
