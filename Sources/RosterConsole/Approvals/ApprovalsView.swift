import Foundation
import RosterCore
import RosterTerminal

/// Draws the approvals screen: the requests, the selected one in full below them, the
/// confirmation or the reason form over it.
enum ApprovalsView {
    static let columns: [TableColumn] = [
        TableColumn("#", min: 3, preferred: 4, priority: 10, alignRight: true),
        TableColumn("Status", min: 8, preferred: 8, priority: 9),
        TableColumn("Asked by", min: 14, preferred: 24, priority: 7, flex: 1),
        TableColumn("Change", min: 20, preferred: 50, priority: 8, flex: 3),
        TableColumn("Expires", min: 16, preferred: 16, priority: 4),
    ]

    /// Lines under the table for the selected request.
    static let detailHeight = 4

    static func draw(_ approvals: ApprovalsState, _ state: ScreenContext, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas) {
        let now = approvals.readAt
        let visible = max(1, state.visibleRows - detailHeight)
        let top = max(0, approvals.selected - visible + 1)
        let rows = approvals.rows.dropFirst(top).prefix(visible).map { request in
            let status = request.status(at: now)
            return [TableCell(String(request.id?.rawValue ?? 0)),
                    TableCell(status, style: status == "pending" ? .warning : status == "approved" ? .ok : .dim),
                    TableCell(request.requestedBy), TableCell(request.summary), TableCell(formatting.dateTime(request.expiresAt), style: .dim)]
        }
        TableView(columns: columns, rows: Array(rows), selectedRow: approvals.selected - top, sortColumn: nil, sortAscending: true, glyphs: glyphs)
            .draw(in: Rect(x: 0, y: 1, width: state.size.width, height: visible + 1), on: &canvas)
        if rows.isEmpty, !approvals.loading {
            let empty = approvals.showingAll ? "No requests yet." : "Nothing waits for approval. f shows settled requests too."
            canvas.put(approvals.error ?? empty, at: Point(x: 2, y: 3), style: approvals.error == nil ? .dim : .danger,
                       maxWidth: state.size.width - 4)
        }
        if let request = approvals.selectedRow { drawDetail(request, y: visible + 2, state, formatting: formatting, glyphs: glyphs, on: &canvas) }
        let y = state.size.height - 2
        canvas.fill(Rect(x: 0, y: y, width: state.size.width, height: 1), style: .header)
        let waiting = approvals.rows.filter { $0.isOpen(at: now) }.count
        let summary = approvals.loading ? "loading\(glyphs.ellipsis)"
            : "\(waiting) waiting  \(glyphs.bullet)  \(approvals.showingAll ? "all requests" : "only those waiting")  \(glyphs.bullet)  "
                + "a second person approves; never who asked"
        canvas.put(" " + (approvals.notice ?? (approvals.working ? "working\(glyphs.ellipsis)" : summary)), at: Point(x: 0, y: y),
                   width: state.size.width, style: approvals.notice == nil ? .header : approvals.noticeRefused ? .danger : .ok, glyphs: glyphs)
        let hints: [KeyHint] = if approvals.dialog != nil {
            DialogAction.keymap.footerHints(ascii: state.ascii)
        } else if approvals.form != nil {
            FormAction.keymap.footerHints(ascii: state.ascii)
        } else {
            ApprovalsFeature.footerHints(approvals, state)
        }
        KeyHints(hints).draw(at: Point(x: 0, y: state.size.height - 1), width: state.size.width, on: &canvas)
        if let form = approvals.form { form.box(ascii: state.ascii).draw(on: &canvas, glyphs: glyphs) }
        if let dialog = approvals.dialog { dialog.box.draw(on: &canvas, glyphs: glyphs) }
    }

    /// The selected request in full: the change, who asked and when, how it was settled.
    static func drawDetail(_ request: ApprovalRequest, y: Int, _ state: ScreenContext, formatting: Formatting, glyphs: Glyphs,
                           on canvas: inout some Canvas) {
        let width = state.size.width - 2
        let settled = request.decidedBy.map { by in
            "\(request.state == .approved ? "Approved" : "Rejected") by \(by) at \(formatting.dateTime(request.decidedAt)): \(request.outcome ?? "")"
        }
        let lines: [(String, Style)] = [
            ("#\(request.id?.rawValue ?? 0)  \(request.summary)", .accent),
            ("Asked by \(request.requestedBy) at \(formatting.dateTime(request.createdAt)); expires \(formatting.dateTime(request.expiresAt))", .dim),
            (settled ?? "Waiting for someone else who may make this change.", settled == nil ? .dim : .normal),
        ]
        canvas.fill(Rect(x: 0, y: y, width: state.size.width, height: 1), style: .dim)
        canvas.put(String(repeating: String(glyphs.horizontal), count: state.size.width), at: Point(x: 0, y: y), style: .dim)
        for (index, line) in lines.enumerated() {
            canvas.put(line.0, at: Point(x: 1, y: y + 1 + index), style: line.1, maxWidth: width)
        }
    }
}
