/// One hint in a footer: the keys, what they do, and whether they can be used now.
public struct KeyHint: Sendable, Equatable {
    public var keys: String
    public var label: String
    /// False draws the hint dim: the action exists but can't be taken now (pressing it says why).
    public var enabled: Bool

    public init(keys: String, label: String, enabled: Bool = true) {
        self.keys = keys
        self.label = label
        self.enabled = enabled
    }
}

/// A footer of key hints ("j/k move  / filter  ? help"), cut to fit, generated from a keymap.
public struct KeyHints {
    public var hints: [KeyHint]

    public init(_ hints: [KeyHint]) {
        self.hints = hints
    }

    public func draw(at point: Point, width: Int, on canvas: inout some Canvas) {
        canvas.fill(Rect(x: point.x, y: point.y, width: width, height: 1), style: .dim)
        var x = point.x
        for hint in hints {
            let needed = DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(hint.label)
            guard x + needed <= point.x + width else { break }
            x += canvas.put(hint.keys, at: Point(x: x, y: point.y), style: hint.enabled ? .accent : .dim)
            x += 1
            x += canvas.put(hint.label, at: Point(x: x, y: point.y), style: .dim)
            x += 2
        }
    }
}
