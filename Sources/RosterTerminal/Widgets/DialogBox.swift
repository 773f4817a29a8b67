/// A modal box over the screen: a title, wrapped text, and a row of buttons with one
/// focused. Drawn whole every time, so a resize while it is open redraws it in place.
public struct DialogBox: Sendable, Equatable {
    public var title: String
    public var message: [String]
    public var buttons: [String]
    public var focused: Int
    /// The confirming button is drawn in the danger style (irreversible or disruptive).
    public var dangerous: Bool

    public init(title: String, message: [String], buttons: [String], focused: Int = 0, dangerous: Bool = false) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.focused = focused
        self.dangerous = dangerous
    }

    /// Centered in `size`: 60 columns or the screen less a margin, as tall as its text.
    public func rect(in size: Size) -> Rect {
        // Wide enough for the longest word (a key, a link) where the screen allows, so it stays on one line.
        let longest = message.flatMap { TextSanitizer.sanitize($0).split(separator: " ") }.map { DisplayWidth.of(String($0)) }.max() ?? 0
        let width = max(20, min(max(64, longest + 4), size.width - 4))
        let lines = wrapped(width: width - 4)
        let height = min(size.height - 2, lines.count + 5)
        return Rect(x: (size.width - width) / 2, y: max(1, (size.height - height) / 2), width: width, height: height)
    }

    func wrapped(width: Int) -> [String] {
        // Measured as drawn: escaped control characters take room too.
        message.flatMap { $0.isEmpty ? [""] : TextWrap.lines(TextSanitizer.sanitize($0), width: width) }
    }

    public func draw(on canvas: inout some Canvas, glyphs: Glyphs) {
        let box = rect(in: canvas.size)
        Frame.draw(box, title: title, on: &canvas, glyphs: glyphs)
        let right = box.maxX - 1, bottom = box.maxY - 1
        let room = box.size.height - 5
        for (index, line) in wrapped(width: box.size.width - 4).prefix(room).enumerated() {
            canvas.put(line, at: Point(x: box.minX + 2, y: box.minY + 2 + index), style: .normal, maxWidth: box.size.width - 4)
        }
        // Buttons right-aligned on the last inner line, the focused one in the selection style.
        let labels = buttons.map { "[ \($0) ]" }
        var x = right - 1 - labels.reduce(0) { $0 + DisplayWidth.of($1) + 2 } + 2
        for (index, label) in labels.enumerated() {
            let style: Style = index == focused ? (dangerous && index == buttons.count - 1 ? .danger : .selected) : .normal
            x += canvas.put(label, at: Point(x: max(box.minX + 1, x), y: bottom - 1), style: style) + 2
        }
    }
}
