import Foundation
import RosterCore
import RosterTerminal

/// Draws an access review: each member as they were at its start, and the decision.
enum ReviewView {
    static func columns(showingRoles: Bool) -> [TableColumn] {
        [
            TableColumn("Name", min: 12, preferred: 22, priority: 10, flex: 2),
            TableColumn("Email", min: 16, preferred: 28, priority: 6, flex: 2),
            TableColumn("Org role", min: 9, preferred: 10, priority: 9),
        ] + (showingRoles ? [TableColumn("Role", min: 11, preferred: 11, priority: 4)] : []) + [
            TableColumn("Last sign-in", min: 10, preferred: 16, priority: 5),
            TableColumn("MFA", min: 3, preferred: 3, priority: 7),
            TableColumn("Keys", min: 4, preferred: 5, priority: 3, alignRight: true),
            TableColumn("Groups", min: 8, preferred: 16, priority: 2, flex: 1),
            TableColumn("Decision", min: 10, preferred: 10, priority: 8),
        ]
    }

    static func draw(_ review: ReviewState, in area: Rect, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas) {
        guard let sheet = review.sheet else {
            let text = review.error ?? "reading the members of \(review.orgName)\(glyphs.ellipsis)"
            canvas.put(text, at: Point(x: 2, y: area.origin.y + 2), style: review.error == nil ? .dim : .danger, maxWidth: area.size.width - 4)
            return
        }
        let showingRoles = sheet.items.contains { $0.systemRole != nil }
        let visible = max(1, area.size.height - 1)
        let top = max(0, review.selected - visible + 1)
        let rows = sheet.items.dropFirst(top).prefix(visible).map { item in
            var cells = [TableCell(item.name), TableCell(item.email, style: .dim), TableCell(item.orgRole.title)]
            if showingRoles { cells.append(TableCell(item.systemRole.map(Formatting.role) ?? "")) }
            cells += [
                TableCell(formatting.dateTime(item.lastSignInAt), style: item.lastSignInAt == nil ? .warning : .dim),
                TableCell(item.mfaEnabled ? glyphs.check : "-", style: item.mfaEnabled ? .ok : .dim),
                TableCell("\(item.apiKeys + item.sshKeys)"), TableCell(item.groupNames, style: .dim),
                decision(item),
            ]
            return cells
        }
        TableView(columns: columns(showingRoles: showingRoles), rows: Array(rows), selectedRow: review.selected - top, sortColumn: nil,
                  sortAscending: true, glyphs: glyphs).draw(in: area, on: &canvas)
    }

    static func decision(_ item: ReviewItem) -> TableCell {
        switch item.decided {
        case nil: TableCell("?", style: .dim)
        case .keep?: TableCell("keep", style: .ok)
        case .remove?: TableCell("remove", style: .danger)
        case .role(let role)?: TableCell(role == item.orgRole ? "keep" : "→ \(role.title)", style: .warning)
        }
    }

    /// The status line: which review, how far along, or how it ended.
    static func summary(_ review: ReviewState, glyphs: Glyphs, formatting: Formatting) -> String {
        guard let sheet = review.sheet, let id = sheet.review.id?.rawValue else { return "loading\(glyphs.ellipsis)" }
        if let submitted = sheet.review.submittedAt {
            return "review #\(id) of \(sheet.review.orgName)  \(glyphs.bullet)  submitted by \(sheet.review.submittedBy ?? "") \(formatting.dateTime(submitted)); kept as it was"
        }
        let decided = sheet.items.count - sheet.undecided
        return "review #\(id) of \(sheet.review.orgName)  \(glyphs.bullet)  \(decided) of \(sheet.items.count) decided  \(glyphs.bullet)  "
            + "started by \(sheet.review.startedBy)"
    }
}
