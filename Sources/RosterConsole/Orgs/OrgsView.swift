import RosterCore
import RosterTerminal

/// Draws the orgs screen, or one org's members.
enum OrgsView {
    static let columns: [TableColumn] = [
        TableColumn("Organization", min: 14, preferred: 26, priority: 10, flex: 2),
        TableColumn("Standard users", min: 12, preferred: 22, priority: 9),
        TableColumn("API service", min: 11, preferred: 22, priority: 8),
        TableColumn("Read-only", min: 9, preferred: 9, priority: 5, alignRight: true),
        TableColumn("MFA", min: 8, preferred: 8, priority: 6),
        TableColumn("Lock", min: 6, preferred: 6, priority: 7),
        TableColumn("Review due", min: 11, preferred: 11, priority: 6),
    ]
    static let memberColumns: [TableColumn] = [
        TableColumn("Name", min: 14, preferred: 26, priority: 10, flex: 1),
        TableColumn("Email", min: 18, preferred: 32, priority: 9, flex: 1),
        TableColumn("Org role", min: 9, preferred: 12, priority: 8),
    ]

    static func draw(_ orgs: OrgsState, _ state: ScreenContext, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas) {
        let visible = state.visibleRows
        let area = Rect(x: 0, y: 1, width: state.size.width, height: visible + 1)
        if let review = orgs.review {
            ReviewView.draw(review, in: area, formatting: formatting, glyphs: glyphs, on: &canvas)
        } else if let groups = orgs.groups {
            GroupsView.draw(groups, in: area, state: state, glyphs: glyphs, on: &canvas)
        } else if let members = orgs.members {
            let rows = members.prefix(visible).map { [TableCell($0.name), TableCell($0.email.value), TableCell($0.role.title)] }
            TableView(columns: memberColumns, rows: Array(rows), selectedRow: nil, sortColumn: nil, sortAscending: true, glyphs: glyphs)
                .draw(in: area, on: &canvas)
        } else {
            let top = max(0, orgs.selected - visible + 1)
            let rows = orgs.rows.dropFirst(top).prefix(visible).map { row in
                [TableCell(row.org.name), TableCell(OrgsReducer.capacity(row.headcount.standard, row.org.standardUserLimit)),
                 TableCell(OrgsReducer.capacity(row.headcount.service, row.org.serviceUserLimit)), TableCell(String(row.headcount.readOnly)),
                 TableCell(row.org.mfaRequired ? "required" : "-", style: row.org.mfaRequired ? .ok : .dim),
                 TableCell(row.org.locked ? "locked" : "-", style: row.org.locked ? .warning : .dim), reviewDue(row.reviewDue, formatting)]
            }
            TableView(columns: columns, rows: Array(rows), selectedRow: orgs.selected - top, sortColumn: nil, sortAscending: true, glyphs: glyphs)
                .draw(in: area, on: &canvas)
            if rows.isEmpty, !orgs.loading {
                canvas.put(orgs.error ?? "No organizations you may see.", at: Point(x: 2, y: 3), style: orgs.error == nil ? .dim : .danger,
                           maxWidth: state.size.width - 4)
            }
        }
        let y = state.size.height - 2
        canvas.fill(Rect(x: 0, y: y, width: state.size.width, height: 1), style: .header)
        let summary = orgs.review.map { ReviewView.summary($0, glyphs: glyphs, formatting: formatting) } ?? Self.summary(orgs, glyphs: glyphs)
        canvas.put(" " + (orgs.notice ?? (orgs.working ? "working\(glyphs.ellipsis)" : summary)), at: Point(x: 0, y: y), width: state.size.width,
                   style: orgs.notice == nil ? .header : orgs.noticeRefused ? .danger : .ok, glyphs: glyphs)
        let hints: [KeyHint] = if let review = orgs.review {
            review.dialog != nil ? DialogAction.keymap.footerHints(ascii: state.ascii)
                : ReviewAction.keymap.footerHints(ascii: state.ascii) + AppAction.keymap.footerHints(ascii: state.ascii)
        } else if let groups = orgs.groups {
            GroupsView.footer(groups, state: state)
        } else if orgs.members != nil {
            OrgMembersAction.keymap.footerHints(ascii: state.ascii) + AppAction.keymap.footerHints(ascii: state.ascii)
        } else if orgs.dialog != nil {
            DialogAction.keymap.footerHints(ascii: state.ascii)
        } else if orgs.form != nil {
            FormAction.keymap.footerHints(ascii: state.ascii)
        } else {
            OrgsFeature.footerHints(orgs, state)
        }
        KeyHints(hints).draw(at: Point(x: 0, y: state.size.height - 1), width: state.size.width, on: &canvas)
        if let form = orgs.form ?? orgs.groups?.form { form.box(ascii: state.ascii).draw(on: &canvas, glyphs: glyphs) }
        if let dialog = orgs.groups?.dialog { dialog.box.draw(on: &canvas, glyphs: glyphs) }
        if let groups = orgs.groups, let picker = groups.picker {
            MemberPickerAction.box(picker, orgName: groups.orgName).draw(on: &canvas, glyphs: glyphs)
        }
        if let dialog = orgs.dialog { dialog.box.draw(on: &canvas, glyphs: glyphs) }
        if let dialog = orgs.review?.dialog { dialog.box.draw(on: &canvas, glyphs: glyphs) }
    }

    /// "2027-02-16", or "overdue 12d" in the warning color.
    static func reviewDue(_ due: ReviewDue?, _ formatting: Formatting) -> TableCell {
        switch due {
        case .due(let date)?: TableCell(formatting.date(date), style: .dim)
        case .overdue(let days)?: TableCell("overdue \(days)d", style: .warning)
        case nil: TableCell("")
        }
    }

    /// The status line: what the list holds.
    static func summary(_ orgs: OrgsState, glyphs: Glyphs) -> String {
        if let groups = orgs.groups {
            if let members = groups.members {
                return "\(ChangeWording.count(members.count, "member")) in \(groups.selectedRow?.group.name ?? "the group")"
            }
            return "\(ChangeWording.count(groups.rows.count, "group")) in \(groups.orgName)"
        }
        if let members = orgs.members { return "\(ChangeWording.count(members.count, "member")) of \(orgs.selectedRow?.org.name ?? "")" }
        if orgs.loading { return "loading\(glyphs.ellipsis)" }
        return "\(ChangeWording.count(orgs.rows.count, "organization"))  \(glyphs.bullet)  read-only accounts never count against limits"
    }
}
