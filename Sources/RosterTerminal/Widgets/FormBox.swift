/// A form drawn in a box: a label and value per row, the focused row highlighted, a field's
/// problem in red beside it, and a hint line at the foot. Drawn whole on every frame.
public struct FormBox: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var label: String
        public var value: String
        public var problem: String?
        /// Drawn as "‹ value ›": changed with ←/→ rather than typed.
        public var isChoice: Bool

        public init(label: String, value: String, problem: String?, isChoice: Bool) {
            self.label = label
            self.value = value
            self.problem = problem
            self.isChoice = isChoice
        }
    }

    public var title: String
    public var rows: [Row]
    public var focus: Int
    public var hint: String
    public var hintIsProblem: Bool

    public init(title: String, rows: [Row], focus: Int, hint: String, hintIsProblem: Bool = false) {
        self.title = title
        self.rows = rows
        self.focus = focus
        self.hint = hint
        self.hintIsProblem = hintIsProblem
    }

    public func rect(in size: Size) -> Rect {
        let width = max(40, min(72, size.width - 4))
        // Each row, and its problem on the line below when there is one; then the hint.
        let height = min(size.height - 2, rows.reduce(0) { $0 + ($1.problem == nil ? 1 : 2) } + 6)
        return Rect(x: (size.width - width) / 2, y: max(1, (size.height - height) / 2), width: width, height: height)
    }

    public func draw(on canvas: inout some Canvas, glyphs: Glyphs) {
        let box = rect(in: canvas.size)
        Frame.draw(box, title: title, on: &canvas, glyphs: glyphs)
        let inner = box.size.width - 4
        let labelWidth = min(18, inner / 3)
        // A form taller than the screen scrolls to keep the focused row in view.
        let room = box.size.height - 6
        let heights = rows.map { $0.problem == nil ? 1 : 2 }
        var first = 0
        while first < focus, heights[first...focus].reduce(0, +) > room { first += 1 }
        var y = box.minY + 2
        for (index, row) in rows.enumerated().dropFirst(first) where y + heights[index] <= box.maxY - 3 {
            let focused = index == focus
            canvas.put(row.label, at: Point(x: box.minX + 2, y: y), width: labelWidth, style: focused ? .accent : .dim, glyphs: glyphs)
            let x = box.minX + 3 + labelWidth
            let valueWidth = inner - labelWidth - 1
            canvas.fill(Rect(x: x, y: y, width: valueWidth, height: 1), style: focused ? .selected : .normal)
            let shown = !row.isChoice ? row.value : glyphs == .ascii ? "< \(row.value) >" : "\u{2039} \(row.value) \u{203A}"
            let used = canvas.put(shown, at: Point(x: x, y: y), style: focused ? .selected : .normal, maxWidth: valueWidth - 1)
            if focused, !row.isChoice { canvas.cursor = Point(x: x + used, y: y) }
            y += 1
            if let problem = row.problem {
                canvas.put(problem, at: Point(x: x, y: y), width: valueWidth, style: .danger, glyphs: glyphs)
                y += 1
            }
        }
        canvas.put(hint, at: Point(x: box.minX + 2, y: box.maxY - 3), width: inner, style: hintIsProblem ? .danger : .dim, glyphs: glyphs)
        canvas.put("Enter submits, Tab moves, Esc cancels.", at: Point(x: box.minX + 2, y: box.maxY - 2), width: inner, style: .dim, glyphs: glyphs)
    }
}
