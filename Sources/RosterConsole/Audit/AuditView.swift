import Foundation
import RosterCore
import RosterTerminal

/// Draws the audit screen: the chain's state, the rows, the filter line, a row's details.
enum AuditView {
    static let columns: [TableColumn] = [
        TableColumn("Time", min: 16, preferred: 16, priority: 10),
        TableColumn("Actor", min: 14, preferred: 26, priority: 9, flex: 2),
        TableColumn("Action", min: 14, preferred: 22, priority: 10, flex: 1),
        TableColumn("Target", min: 12, preferred: 26, priority: 8, flex: 2),
        TableColumn("Outcome", min: 7, preferred: 7, priority: 7),
        TableColumn("IP", min: 9, preferred: 15, priority: 2),
    ]

    static func draw(_ audit: AuditState, _ state: ScreenContext, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas) {
        let visible = state.visibleRows
        let rows = audit.rows.dropFirst(audit.top).prefix(visible).map { entry in
            [TableCell(formatting.dateTime(entry.at)), TableCell(entry.actor), TableCell(entry.action), TableCell(entry.target ?? ""),
             TableCell(entry.outcome.rawValue, style: entry.outcome == .success ? .ok : entry.outcome == .denied ? .warning : .danger),
             TableCell(entry.actorIP ?? "")]
        }
        TableView(columns: columns, rows: Array(rows), selectedRow: audit.selected - audit.top, sortColumn: nil, sortAscending: false, glyphs: glyphs)
            .draw(in: Rect(x: 0, y: 1, width: state.size.width, height: visible + 1), on: &canvas)
        if rows.isEmpty, !audit.loading {
            let message = audit.filterProblem ?? audit.error ?? (audit.filter.isEmpty ? "No audit rows you may read." : "No rows match the filter. Esc clears it.")
            canvas.put(message, at: Point(x: 2, y: 3), style: audit.filterProblem != nil || audit.error != nil ? .danger : .dim, maxWidth: state.size.width - 4)
        }
        let y = state.size.height - 2
        canvas.fill(Rect(x: 0, y: y, width: state.size.width, height: 1), style: .header)
        var parts = [audit.rows.isEmpty ? (audit.loading ? "loading\(glyphs.ellipsis)" : "0 rows")
                     : "\(Formatting.count(audit.selected + 1)) of \(Formatting.count(audit.rows.count))\(audit.hasMore ? "+" : "")"]
        if !audit.filter.isEmpty { parts.append("filter “\(audit.filter)”") }
        parts.append("chain: " + (audit.chain ?? "checking\(glyphs.ellipsis)"))
        canvas.put(" " + parts.joined(separator: "  \(glyphs.bullet)  "), at: Point(x: 0, y: y), width: state.size.width, style: .header, glyphs: glyphs)
        let footerY = state.size.height - 1
        if audit.editingFilter {
            canvas.fill(Rect(x: 0, y: footerY, width: state.size.width, height: 1))
            let used = canvas.put("/", at: Point(x: 0, y: footerY), style: .accent)
            let typed = canvas.put(audit.filter, at: Point(x: used, y: footerY), maxWidth: state.size.width - used - 1)
            canvas.cursor = Point(x: used + typed, y: footerY)
        } else if audit.showing != nil {
            KeyHints(AuditDetailAction.keymap.footerHints(ascii: state.ascii)).draw(at: Point(x: 0, y: footerY), width: state.size.width, on: &canvas)
        } else {
            KeyHints(AuditFeature.footerHints(audit, state))
                .draw(at: Point(x: 0, y: footerY), width: state.size.width, on: &canvas)
        }
        if let entry = audit.showing {
            details(entry, formatting: formatting).draw(on: &canvas, glyphs: glyphs)
        }
    }

    static func details(_ entry: AuditEntry, formatting: Formatting) -> DialogBox {
        var lines = [
            "When: \(formatting.dateTime(entry.at))",
            "Actor: \(entry.actor)" + (entry.actorIP.map { " from \($0)" } ?? ""),
            "Action: \(entry.action) (\(entry.outcome.rawValue))",
        ]
        if let target = entry.target { lines.append("Target: \(target)") }
        if let org = entry.org { lines.append("Org: \(org)") }
        if !entry.details.isEmpty, entry.details != "{}" { lines.append("Details: \(entry.details)") }
        lines.append("Row \(entry.id), chained to the row before it by hash.")
        return DialogBox(title: "Audit row \(entry.id)", message: lines, buttons: ["Close"])
    }
}
