/// A box drawn with line glyphs, cleared inside, with a title in its top edge: what
/// dialogs and pickers sit in.
public enum Frame {
    public static func draw(_ box: Rect, title: String, on canvas: inout some Canvas, glyphs: Glyphs) {
        canvas.fill(box)
        let right = box.maxX - 1, bottom = box.maxY - 1
        for x in box.minX...right {
            canvas.set(glyphs.horizontal, width: 1, at: Point(x: x, y: box.minY), style: .normal)
            canvas.set(glyphs.horizontal, width: 1, at: Point(x: x, y: bottom), style: .normal)
        }
        for y in box.minY...bottom {
            canvas.set(glyphs.vertical, width: 1, at: Point(x: box.minX, y: y), style: .normal)
            canvas.set(glyphs.vertical, width: 1, at: Point(x: right, y: y), style: .normal)
        }
        canvas.set(glyphs.topLeft, width: 1, at: box.origin, style: .normal)
        canvas.set(glyphs.topRight, width: 1, at: Point(x: right, y: box.minY), style: .normal)
        canvas.set(glyphs.bottomLeft, width: 1, at: Point(x: box.minX, y: bottom), style: .normal)
        canvas.set(glyphs.bottomRight, width: 1, at: Point(x: right, y: bottom), style: .normal)
        canvas.put(" \(title) ", at: Point(x: box.minX + 2, y: box.minY), style: .header, maxWidth: box.size.width - 4)
    }
}
