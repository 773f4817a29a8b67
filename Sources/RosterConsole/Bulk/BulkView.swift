import RosterTerminal

/// Draws a bulk action over the table: its confirmation, its progress, or its report.
enum BulkView {
    static func draw(_ bulk: BulkState, on canvas: inout some Canvas, glyphs: Glyphs) {
        switch bulk.phase {
        case .confirming(let dialog):
            dialog.box.draw(on: &canvas, glyphs: glyphs)
        case .running(let done, let total):
            let status = bulk.cancelling ? "Stopping after the user in hand\(glyphs.ellipsis)" : "Esc stops after the user in hand."
            DialogBox(title: "\(bulk.action.verb) \(Formatting.count(total)) users",
                      message: ["\(Formatting.count(done)) of \(Formatting.count(total)) done.",
                                bar(done: done, total: total, width: 40, ascii: glyphs == .ascii), "", status],
                      buttons: ["Stop"]).draw(on: &canvas, glyphs: glyphs)
        case .finished(let lines, let scroll):
            let more = scroll > 0 ? ["\(glyphs.ellipsis) \(scroll) line(s) above"] : []
            DialogBox(title: "\(BulkWording.label(bulk.action)): report", message: more + Array(lines.dropFirst(scroll)),
                      buttons: ["Close"]).draw(on: &canvas, glyphs: glyphs)
        }
    }

    /// "██████░░░░ 60%"
    static func bar(done: Int, total: Int, width: Int, ascii: Bool) -> String {
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let filled = min(width, Int(fraction * Double(width)))
        let (full, empty) = ascii ? ("#", "-") : ("█", "░")
        return String(repeating: full, count: filled) + String(repeating: empty, count: width - filled) + " \(Int(fraction * 100))%"
    }
}
