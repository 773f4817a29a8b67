import RosterCore
import RosterTerminal

/// Draws an organization's groups, or one group's members.
enum GroupsView {
    static let columns: [TableColumn] = [
        TableColumn("Group", min: 16, preferred: 40, priority: 10, flex: 1),
        TableColumn("Members", min: 7, preferred: 7, priority: 9, alignRight: true),
    ]

    static func draw(_ groups: GroupsState, in area: Rect, state: ScreenContext, glyphs: Glyphs, on canvas: inout some Canvas) {
        let visible = area.size.height - 1
        if let members = groups.members {
            let top = max(0, groups.memberSelected - visible + 1)
            let rows = members.dropFirst(top).prefix(visible).map { [TableCell($0.value)] }
            TableView(columns: [TableColumn("Member of \(groups.selectedRow?.group.name ?? "")", min: 20, preferred: 60, priority: 10, flex: 1)],
                      rows: Array(rows), selectedRow: rows.isEmpty ? nil : groups.memberSelected - top, sortColumn: nil, sortAscending: true,
                      glyphs: glyphs)
                .draw(in: area, on: &canvas)
            if members.isEmpty {
                canvas.put("No members yet; a adds someone from \(groups.orgName).", at: Point(x: 2, y: area.minY + 2), style: .dim,
                           maxWidth: area.size.width - 4)
            }
            return
        }
        let top = max(0, groups.selected - visible + 1)
        let rows = groups.rows.dropFirst(top).prefix(visible).map { [TableCell($0.group.name), TableCell(String($0.members))] }
        TableView(columns: columns, rows: Array(rows), selectedRow: groups.selected - top, sortColumn: nil, sortAscending: true, glyphs: glyphs)
            .draw(in: area, on: &canvas)
        if rows.isEmpty, !groups.loading {
            canvas.put("\(groups.orgName) has no groups yet; n creates one.", at: Point(x: 2, y: area.minY + 2), style: .dim, maxWidth: area.size.width - 4)
        }
    }

    static func footer(_ groups: GroupsState, state: ScreenContext) -> [KeyHint] {
        if groups.dialog != nil { return DialogAction.keymap.footerHints(ascii: state.ascii) }
        if groups.form != nil { return FormAction.keymap.footerHints(ascii: state.ascii) }
        if groups.picker != nil { return MemberPickerAction.keymap.footerHints(ascii: state.ascii) }
        if groups.members != nil {
            return GroupMembersAction.keymap.footerHints(ascii: state.ascii) { action in
                action == .add || action == .remove ? groups.refusal == nil && !state.readOnly : true
            }
        }
        return GroupsAction.keymap.footerHints(ascii: state.ascii) { action in
            switch action {
            case .create, .rename, .delete: groups.refusal == nil && !state.readOnly
            default: true
            }
        } + AppAction.keymap.footerHints(ascii: state.ascii)
    }
}
