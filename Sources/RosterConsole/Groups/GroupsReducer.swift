import RosterCore
import RosterTerminal

/// Keys and results on an organization's groups.
enum GroupsReducer {
    /// Returns the effects, and whether the list was closed.
    static func reduce(_ state: inout GroupsState, key: Key, readOnly: Bool, notice: inout (String, Bool)?) -> (effects: [Effect], closed: Bool) {
        if state.working { return ([], false) }
        if state.members != nil {
            if key == .escape || key == .control("c") { state.members = nil }
            return ([], false)
        }
        if state.dialog != nil {
            guard case .group(let change)? = ConfirmDialog.key(key, on: &state.dialog) else { return ([], false) }
            state.working = true
            return ([.changeGroup(change)], false)
        }
        if var form = state.form {
            let outcome = form.handle(key)
            let name = form.text("name").trimmingCharacters(in: .whitespaces)
            form.setProblem("name", name.isEmpty ? "Give the group a name." : name.count > 100 ? "100 characters at most."
                : state.rows.contains { $0.group.name.lowercased() == name.lowercased() } ? "\(state.orgName) has a group by that name." : nil)
            switch outcome {
            case .open: state.form = form
            case .cancelled: state.form = nil
            case .submitted:
                state.form = nil
                if form.title.hasPrefix("Rename"), let row = state.selectedRow {
                    state.dialog = ConfirmDialog(.group(.rename(row.group.id, to: name)), title: "Rename group",
                                                 message: ["Rename “\(row.group.name)” in \(state.orgName) to “\(name)”?"], confirmLabel: "Rename")
                } else {
                    state.dialog = ConfirmDialog(.group(.create(name: name, in: state.orgId)), title: "New group",
                                                 message: ["Create the group “\(name)” in \(state.orgName)?"], confirmLabel: "Create")
                }
            }
            return ([], false)
        }
        guard let action = GroupsAction.keymap.action(for: key) else { return ([], false) }
        switch action {
        case .move(let by):
            if !state.rows.isEmpty { state.selected = max(0, min(state.rows.count - 1, state.selected + by)) }
        case .close:
            return ([], true)
        case .members:
            guard let row = state.selectedRow else { return ([], false) }
            return ([.loadGroupMembers(row.group.id)], false)
        case .create, .rename, .delete:
            if let refusal = readOnly ? "This console is read-only (roster --read-only): changes are off." : state.refusal {
                notice = (refusal, true)
                return ([], false)
            }
            guard action == .create || state.selectedRow != nil else { return ([], false) }
            switch action {
            case .create:
                state.form = FormState(title: "New group in \(state.orgName)", fields: [
                    .init(id: "name", label: "Name", value: .text(""), hint: "Unique within the organization."),
                ])
            case .rename:
                guard let row = state.selectedRow else { break }
                state.form = FormState(title: "Rename “\(row.group.name)”", fields: [
                    .init(id: "name", label: "Name", value: .text(row.group.name), hint: "Unique within the organization."),
                ])
            default:
                guard let row = state.selectedRow else { break }
                state.dialog = ConfirmDialog(.group(.delete(row.group.id)), title: "Delete group",
                                             message: ["Delete “\(row.group.name)” from \(state.orgName)? Its \(row.members) member(s) stay "
                                                + "in the organization; only the group goes. This can't be undone."],
                                             confirmLabel: "Delete", mustType: row.group.name)
            }
        }
        return ([], false)
    }
}
