import RosterCore
import RosterTerminal

/// Draws the settings screen: name, value, meaning; the form and confirmation over it.
enum SettingsView {
    static let columns: [TableColumn] = [
        TableColumn("Setting", min: 22, preferred: 32, priority: 10),
        TableColumn("Value", min: 8, preferred: 14, priority: 9),
        TableColumn("Meaning", min: 20, preferred: 80, priority: 8, flex: 1),
    ]

    static func draw(_ settings: SettingsState, _ state: ScreenContext, glyphs: Glyphs, on canvas: inout some Canvas) {
        let visible = state.visibleRows
        let top = max(0, settings.selected - visible + 1)
        let rows = settings.rows.dropFirst(top).prefix(visible).map { row in
            let value = row.key == .termsText ? (row.value.isEmpty ? "none" : "\(row.value.count) characters") : row.value
            return [TableCell(row.key.rawValue), TableCell(value, style: .accent), TableCell(row.key.summary, style: .dim)]
        }
        TableView(columns: columns, rows: Array(rows), selectedRow: settings.selected - top, sortColumn: nil, sortAscending: true, glyphs: glyphs)
            .draw(in: Rect(x: 0, y: 1, width: state.size.width, height: visible + 1), on: &canvas)
        if let error = settings.error, rows.isEmpty {
            canvas.put(error, at: Point(x: 2, y: 3), style: .danger, maxWidth: state.size.width - 4)
        }
        let y = state.size.height - 2
        canvas.fill(Rect(x: 0, y: y, width: state.size.width, height: 1), style: .header)
        let status = settings.notice ?? (settings.saving ? "saving\(glyphs.ellipsis)" : settings.loading ? "loading\(glyphs.ellipsis)"
            : "\(settings.rows.count) settings  \(glyphs.bullet)  administrators change them; every change is audited")
        canvas.put(" " + status, at: Point(x: 0, y: y), width: state.size.width,
                   style: settings.notice == nil ? .header : settings.noticeRefused ? .danger : .ok, glyphs: glyphs)
        let footerY = state.size.height - 1
        let hints: [KeyHint] = if settings.dialog != nil {
            DialogAction.keymap.footerHints(ascii: state.ascii)
        } else if settings.form != nil {
            FormAction.keymap.footerHints(ascii: state.ascii)
        } else {
            SettingsFeature.footerHints(settings, state)
        }
        KeyHints(hints).draw(at: Point(x: 0, y: footerY), width: state.size.width, on: &canvas)
        if let form = settings.form { form.box(ascii: state.ascii).draw(on: &canvas, glyphs: glyphs) }
        if let dialog = settings.dialog { dialog.box.draw(on: &canvas, glyphs: glyphs) }
    }
}
