import Foundation
import RosterTerminal

/// Draws the drawer: beside the table from 120 columns, over it below that.
enum DrawerView {
    /// Columns the drawer takes at `width`: a side panel when the table keeps at least 72.
    static func rect(for size: Size) -> Rect {
        let bottom = size.height - 2  // above the status line
        if size.width >= 120 {
            // 50 columns hold the tab line (48) and leave the table beside it Name, Email,
            // Role, Status and MFA at 120 columns, in the places they have with it closed.
            let width = max(50, size.width * 2 / 5)
            return Rect(x: size.width - width, y: 1, width: width, height: bottom - 1)
        }
        return Rect(x: 0, y: 1, width: size.width, height: bottom - 1)
    }

    static func draw(_ drawer: DrawerState, in rect: Rect, formatting: Formatting, now: Date, glyphs: Glyphs, on canvas: inout some Canvas) {
        canvas.fill(rect)
        let inner = rect.size.width - 2
        // Frame: the left edge and a title bar; the right edge is the screen's.
        for y in rect.minY..<(rect.minY + rect.size.height) {
            canvas.set(glyphs.vertical, width: 1, at: Point(x: rect.minX, y: y), style: .dim)
        }
        canvas.put(" \(drawer.name)", at: Point(x: rect.minX + 1, y: rect.minY), width: inner + 1, style: .header, glyphs: glyphs)
        canvas.put(" \(drawer.email)", at: Point(x: rect.minX + 1, y: rect.minY + 1), width: inner + 1, style: .dim, glyphs: glyphs)
        // The tab bar: the current tab in the selection style, the others dim, one space apart.
        var x = rect.minX + 2
        for tab in DrawerState.Tab.allCases {
            guard x + DisplayWidth.of(tab.title) <= rect.maxX else { break }
            x += canvas.put(tab.title, at: Point(x: x, y: rect.minY + 2), style: tab == drawer.tab ? .selected : .dim) + 1
        }
        let lines = DrawerLines.lines(drawer, formatting: formatting, now: now, glyphs: glyphs)
        let labelWidth = min(16, max(8, inner / 3))
        let top = rect.minY + 4
        let room = rect.minY + rect.size.height - top
        let first = min(drawer.scroll, max(0, lines.count - room))
        for (i, line) in lines.dropFirst(first).prefix(room).enumerated() {
            let y = top + i
            if !line.picture.isEmpty, let block = glyphs.halfBlock {
                for (dx, tint) in line.picture.prefix(max(0, inner - labelWidth - 2)).enumerated() {
                    canvas.put(String(block), at: Point(x: rect.minX + 3 + labelWidth + dx, y: y), style: .picture(tint))
                }
            } else if line.value.isEmpty {
                canvas.put(line.label, at: Point(x: rect.minX + 2, y: y), width: inner - 1, style: line.style, glyphs: glyphs)
            } else if line.label.isEmpty {
                // Continuations and notes line up with the values.
                canvas.put(line.value, at: Point(x: rect.minX + 3 + labelWidth, y: y), width: inner - labelWidth - 2, style: line.style, glyphs: glyphs)
            } else {
                canvas.put(line.label, at: Point(x: rect.minX + 2, y: y), width: labelWidth, style: .dim, glyphs: glyphs)
                canvas.put(line.value, at: Point(x: rect.minX + 3 + labelWidth, y: y), width: inner - labelWidth - 2, style: line.style, glyphs: glyphs)
            }
        }
        if lines.count > first + room {
            canvas.put("\(glyphs.ellipsis) j/k to scroll", at: Point(x: rect.minX + 2, y: rect.minY + rect.size.height - 1), style: .dim)
        }
    }
}
