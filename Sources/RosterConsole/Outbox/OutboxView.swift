import RosterCore
import RosterTerminal

/// Draws the outbox screen.
enum OutboxView {
    static let columns: [TableColumn] = [
        TableColumn("Status", min: 6, preferred: 6, priority: 10),
        TableColumn("To", min: 16, preferred: 28, priority: 9, flex: 1),
        TableColumn("Subject", min: 16, preferred: 34, priority: 8, flex: 2),
        TableColumn("Tries", min: 5, preferred: 5, priority: 7, alignRight: true),
        TableColumn("Last error", min: 12, preferred: 30, priority: 6, flex: 1),
        TableColumn("Queued", min: 16, preferred: 16, priority: 3),
    ]

    static func draw(_ outbox: OutboxState, _ state: ScreenContext, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas) {
        let visible = state.visibleRows
        let top = max(0, outbox.selected - visible + 1)
        let rows = outbox.rows.dropFirst(top).prefix(visible).map { message in
            [TableCell(message.status.rawValue, style: message.status == .sent ? .ok : message.status == .failed ? .danger : .warning),
             TableCell(message.recipient), TableCell(message.subject), TableCell(String(message.attempts)),
             TableCell(message.lastError ?? "", style: .dim), TableCell(formatting.dateTime(message.createdAt))]
        }
        TableView(columns: columns, rows: Array(rows), selectedRow: outbox.selected - top, sortColumn: nil, sortAscending: true, glyphs: glyphs)
            .draw(in: Rect(x: 0, y: 1, width: state.size.width, height: visible + 1), on: &canvas)
        if rows.isEmpty, !outbox.loading {
            canvas.put(outbox.error ?? "The outbox is empty.", at: Point(x: 2, y: 3), style: outbox.error == nil ? .dim : .danger,
                       maxWidth: state.size.width - 4)
        }
        let y = state.size.height - 2
        let counts = Dictionary(grouping: outbox.rows, by: \.status).mapValues(\.count)
        let summary = outbox.loading ? "loading\(glyphs.ellipsis)"
            : "newest \(outbox.rows.count)  \(glyphs.bullet)  \(counts[.queued] ?? 0) queued, \(counts[.failed] ?? 0) failed, \(counts[.sent] ?? 0) sent"
        canvas.fill(Rect(x: 0, y: y, width: state.size.width, height: 1), style: .header)
        canvas.put(" " + (outbox.notice ?? (outbox.working ? "working\(glyphs.ellipsis)" : summary)), at: Point(x: 0, y: y), width: state.size.width,
                   style: outbox.notice == nil ? .header : outbox.noticeRefused ? .danger : .ok, glyphs: glyphs)
        let hints = outbox.dialog != nil ? DialogAction.keymap.footerHints(ascii: state.ascii) : OutboxFeature.footerHints(outbox, state)
        KeyHints(hints).draw(at: Point(x: 0, y: state.size.height - 1), width: state.size.width, on: &canvas)
        if let dialog = outbox.dialog { dialog.box.draw(on: &canvas, glyphs: glyphs) }
    }
}
