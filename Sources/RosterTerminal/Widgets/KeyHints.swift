/// A footer of key hints ("j/k move  / filter  ? help"), cut to fit, generated from a keymap.
public struct KeyHints {
    public var hints: [(keys: String, label: String)]

    public init(_ hints: [(keys: String, label: String)]) {
        self.hints = hints
    }

    public func draw(at point: Point, width: Int, on canvas: inout some Canvas) {
        canvas.fill(Rect(x: point.x, y: point.y, width: width, height: 1), style: .dim)
        var x = point.x
        for hint in hints {
            let needed = DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(hint.label)
            guard x + needed <= point.x + width else { break }
            x += canvas.put(hint.keys, at: Point(x: x, y: point.y), style: .accent)
            x += 1
            x += canvas.put(hint.label, at: Point(x: x, y: point.y), style: .dim)
            x += 2
        }
    }
}
