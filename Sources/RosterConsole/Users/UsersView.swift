import RosterCore
import RosterTerminal

/// Draws the users table: title, header, rows, status line, footer.
enum UsersView {
    /// Those up to MFA stay beside an open drawer on a wide screen, in the places they have
    /// with it closed.
    static let columns: [TableColumn] = [
        TableColumn("Name", min: 14, preferred: 22, priority: 10, flex: 3),
        TableColumn("Email", min: 18, preferred: 28, priority: 9, flex: 3),
        TableColumn("Role", min: 11, preferred: 11, priority: 8),
        TableColumn("Status", min: 11, preferred: 11, priority: 7),
        TableColumn("MFA", min: 3, preferred: 3, priority: 5),
        TableColumn("Orgs", min: 8, preferred: 18, priority: 4, flex: 1),
        TableColumn("Created", min: 10, preferred: 10, priority: 3),
        TableColumn("Last sign-in", min: 16, preferred: 16, priority: 2),
    ]

    /// The columns shown: without Role for operators who may not see system roles.
    static func columns(showingRoles: Bool) -> [TableColumn] {
        showingRoles ? columns : columns.filter { $0.title != "Role" }
    }

    /// Which table column each sort column lights up.
    static func columnIndex(_ sort: UserSortColumn, showingRoles: Bool) -> Int {
        let index = switch sort {
        case .name, .id: 0
        case .email: 1
        case .role: 2
        case .status: 3
        case .created: 6
        case .lastSignIn: 7
        }
        return showingRoles || index < 2 ? index : index - 1
    }

    static func draw(_ users: UsersState, in state: ConsoleState, formatting: Formatting, now: Date, glyphs: Glyphs, on canvas: inout some Canvas) {
        // An open drawer takes the right of a wide screen, and the whole of a narrow one. On a
        // wide screen the table keeps one layout, drawer or not, so opening and closing it
        // redraws only what it covers (a few KB over a slow link, not the whole table).
        let drawerBounds = DrawerView.rect(for: state.size)
        let drawerRect = users.drawer.map { _ in drawerBounds }
        let width = drawerRect.map { $0.minX > 0 ? $0.minX : state.size.width } ?? state.size.width
        let visible = state.visibleRows
        let rows: [[TableCell]] = users.shownRange(visible: visible).compactMap { index in
            guard let row = users.row(at: index) else {
                return index < users.windowEnd || users.hasMoreAfter || users.hasMoreBefore ? [TableCell(glyphs.ellipsis, style: .dim)] : nil
            }
            var cells = cells(row, formatting: formatting, now: now, glyphs: glyphs)
            if users.marks.contains(row, now: now) { cells[0] = TableCell(glyphs.mark + " " + cells[0].text, style: .accent) }
            return cells
        }
        let showingRoles = users.showsSystemRoles
        let shown = columns(showingRoles: showingRoles)
        var table = TableView(columns: shown, rows: rows, selectedRow: users.selected - users.top,
                              sortColumn: columnIndex(users.sort.column, showingRoles: showingRoles),
                              sortAscending: users.sort.ascending, glyphs: glyphs)
        if drawerBounds.minX > 0, let mfa = shown.firstIndex(where: { $0.title == "MFA" }) {
            table.panel = (drawerBounds.minX, mfa + 1)
        }
        table.draw(in: Rect(x: 0, y: 1, width: state.size.width, height: visible + 1), on: &canvas)
        if rows.isEmpty && !users.loadingList {
            let message = users.filter.isEmpty ? "No users yet." : "No users match “\(users.filter)”. Esc clears the filter."
            canvas.put(message, at: Point(x: 2, y: 3), style: .dim, maxWidth: width - 4)
        }
        if let drawer = users.drawer, let rect = drawerRect {
            DrawerView.draw(drawer, in: rect, formatting: formatting, now: now, glyphs: glyphs, on: &canvas)
        }
        drawStatus(users, width: state.size.width, visible: visible, y: state.size.height - 2, glyphs: glyphs, on: &canvas)
        // What the last change did (or why not) takes the status line until the next key.
        if let drawer = users.drawer, let notice = drawer.notice {
            canvas.put(" " + notice, at: Point(x: 0, y: state.size.height - 2), width: state.size.width,
                       style: drawer.noticeRefused ? .danger : .ok, glyphs: glyphs)
        } else if let notice = users.notice {
            canvas.put(" " + notice, at: Point(x: 0, y: state.size.height - 2), width: state.size.width, style: .ok, glyphs: glyphs)
        } else if users.drawer?.changing == true {
            canvas.put(" working\(glyphs.ellipsis)", at: Point(x: 0, y: state.size.height - 2), width: state.size.width, style: .header, glyphs: glyphs)
        }
        drawFooter(users, state: state, on: &canvas)
        // A confirmation sits over everything, drawn whole on every frame (a resize included).
        if let dialog = users.drawer?.dialog { dialog.box.draw(on: &canvas, glyphs: glyphs) }
        if let form = users.drawer?.form { form.box(ascii: state.ascii).draw(on: &canvas, glyphs: glyphs) }
        if let secret = users.drawer?.secret { SecretAction.box(secret).draw(on: &canvas, glyphs: glyphs) }
        if let drawer = users.drawer, let picker = drawer.rolePicker {
            RolePickerAction.box(picker, name: drawer.name).draw(on: &canvas, glyphs: glyphs)
        }
        if let picker = users.drawer?.itemPicker { ItemPickerAction.box(picker, formatting: formatting).draw(on: &canvas, glyphs: glyphs) }
        if let bulk = users.bulk { BulkView.draw(bulk, on: &canvas, glyphs: glyphs) }
        if let creating = users.creating { CreateUserView.draw(creating, ascii: state.ascii, on: &canvas, glyphs: glyphs) }
        if let form = users.dormantForm ?? users.exportForm { form.box(ascii: state.ascii).draw(on: &canvas, glyphs: glyphs) }
    }

    static func cells(_ row: UserRow, formatting: Formatting, now: Date, glyphs: Glyphs) -> [TableCell] {
        let locked = row.lockedByAdmin || (row.lockedUntil.map { $0 > now } ?? false)
        var status: TableCell = row.status == .deactivated ? TableCell("deactivated", style: .dim)
            : locked ? TableCell("locked", style: .warning) : TableCell("active", style: .ok)
        // A lent role shows beside the status with the time it has left: "active ↑2h".
        if let until = row.elevatedUntil, until > now, row.status == .active {
            status = TableCell(status.text + " " + glyphs.elevated + Formatting.shortSpan(until.timeIntervalSince(now)), style: .accent)
        }
        var cells = [
            TableCell(row.name), TableCell(row.email.value), status,
            TableCell(row.mfaEnabled ? glyphs.check : "-", style: row.mfaEnabled ? .ok : .dim), TableCell(row.orgs),
            TableCell(formatting.date(row.createdAt)), TableCell(formatting.dateTime(row.lastSignInAt)),
        ]
        // Rows come without a role for operators who may not see it; the column is left out then.
        if let systemRole = row.systemRole {
            cells.insert(TableCell(Formatting.role(systemRole), style: systemRole >= .accountsAdmin ? .accent : nil), at: 2)
        }
        return cells
    }

    static func drawStatus(_ users: UsersState, width: Int, visible: Int, y: Int, glyphs: Glyphs, on canvas: inout some Canvas) {
        canvas.fill(Rect(x: 0, y: y, width: width, height: 1), style: .header)
        var parts: [String] = []
        let totalText = users.total.map(Formatting.count) ?? users.moreThan.map { Formatting.count($0) + "+" } ?? glyphs.ellipsis
        if users.rows.isEmpty {
            parts.append(users.loadingList ? "loading\(glyphs.ellipsis)" : "0 of \(totalText)")
        } else {
            let shown = users.shownRange(visible: visible)
            let first = shown.lowerBound + 1
            parts.append("\(Formatting.count(first))–\(Formatting.count(max(first, shown.upperBound))) of \(totalText)")
        }
        if !users.filter.isEmpty { parts.append("filter “\(users.filter)”") }
        if let days = users.dormantDays { parts.append("no sign-in for \(days) days") }
        if !users.marks.isEmpty { parts.append(users.marks.count.map { "\(Formatting.count($0)) marked" } ?? "marking\(glyphs.ellipsis)") }
        parts.append("sort \(users.sort.column.title) \(users.sort.ascending ? glyphs.ascending : glyphs.descending)")
        if users.loadingList && !users.rows.isEmpty { parts.append("filtering\(glyphs.ellipsis)") }
        canvas.put(" " + parts.joined(separator: "  \(glyphs.bullet)  "), at: Point(x: 0, y: y), style: .header, maxWidth: width)
        if let error = users.error {
            canvas.put(" " + error, at: Point(x: 0, y: y), width: width, style: .danger, glyphs: glyphs)
        }
    }

    static func drawFooter(_ users: UsersState, state: ConsoleState, on canvas: inout some Canvas) {
        let y = state.size.height - 1
        let width = state.size.width
        if let creating = users.creating {
            KeyHints(CreateUserView.footer(creating, ascii: state.ascii)).draw(at: Point(x: 0, y: y), width: width, on: &canvas)
        } else if users.dormantForm != nil || users.exportForm != nil {
            KeyHints(FormAction.keymap.footerHints(ascii: state.ascii)).draw(at: Point(x: 0, y: y), width: width, on: &canvas)
        } else if let bulk = users.bulk {
            let hints = switch bulk.phase {
            case .confirming: DialogAction.keymap.footerHints(ascii: state.ascii)
            case .running: BulkRunAction.keymap.footerHints(ascii: state.ascii)
            case .finished: BulkReportAction.keymap.footerHints(ascii: state.ascii)
            }
            KeyHints(hints).draw(at: Point(x: 0, y: y), width: width, on: &canvas)
        } else if users.drawer?.itemPicker != nil {
            KeyHints(ItemPickerAction.keymap.footerHints(ascii: state.ascii)).draw(at: Point(x: 0, y: y), width: width, on: &canvas)
        } else if users.drawer?.rolePicker != nil {
            KeyHints(RolePickerAction.keymap.footerHints(ascii: state.ascii)).draw(at: Point(x: 0, y: y), width: width, on: &canvas)
        } else if users.drawer?.secret != nil {
            KeyHints(SecretAction.keymap.footerHints(ascii: state.ascii)).draw(at: Point(x: 0, y: y), width: width, on: &canvas)
        } else if users.drawer?.form != nil {
            KeyHints(FormAction.keymap.footerHints(ascii: state.ascii)).draw(at: Point(x: 0, y: y), width: width, on: &canvas)
        } else if users.drawer?.dialog != nil {
            KeyHints(DialogAction.keymap.footerHints(ascii: state.ascii)).draw(at: Point(x: 0, y: y), width: width, on: &canvas)
        } else if let drawer = users.drawer {
            // A change the operator may not make is dimmed; pressing it says why.
            let hints = DrawerAction.keymap.footerHints(ascii: state.ascii) { drawer.refusal($0, readOnly: state.readOnly) == nil }
            KeyHints(hints + AppAction.keymap.footerHints(ascii: state.ascii)).draw(at: Point(x: 0, y: y), width: width, on: &canvas)
        } else if users.editingFilter {
            canvas.fill(Rect(x: 0, y: y, width: width, height: 1))
            let used = canvas.put("/", at: Point(x: 0, y: y), style: .accent)
            let typed = canvas.put(users.filter, at: Point(x: used, y: y), maxWidth: width - used - 30)
            canvas.cursor = Point(x: used + typed, y: y)
            let hints = KeyHints(FilterAction.keymap.footerHints(ascii: state.ascii))
            hints.draw(at: Point(x: used + typed + 2, y: y), width: max(0, width - used - typed - 2), on: &canvas)
        } else {
            KeyHints(UsersAction.keymap.footerHints(ascii: state.ascii) + AppAction.keymap.footerHints(ascii: state.ascii))
                .draw(at: Point(x: 0, y: y), width: width, on: &canvas)
        }
    }
}

import Foundation
