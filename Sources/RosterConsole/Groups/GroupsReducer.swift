import RosterCore
import RosterTerminal

/// Keys and results on an organization's groups.
enum GroupsReducer {
    static let readOnlyRefusal = ReadOnlyConsole.refusal

    /// Returns the effects, and whether the list was closed.
    static func reduce(_ state: inout GroupsState, key: Key, readOnly: Bool, notice: inout (String, Bool)?) -> (effects: [OrgsFeature.Work], closed: Bool) {
        if state.working { return ([], false) }
        if state.dialog != nil {
            guard let change = ConfirmDialog.key(key, on: &state.dialog) else { return ([], false) }
            state.working = true
            return ([.changeGroup(change)], false)
        }
        if state.picker != nil {
            MemberPickerAction.reduce(&state, key: key)
            return ([], false)
        }
        if state.form != nil {
            formKey(&state, key)
            return ([], false)
        }
        if state.members != nil {
            return (membersKey(&state, key, refusal: readOnly ? readOnlyRefusal : state.refusal, notice: &notice), false)
        }
        guard let action = GroupsAction.keymap.action(for: key) else { return ([], false) }
        switch action {
        case .move(let by):
            if !state.rows.isEmpty { state.selected = max(0, min(state.rows.count - 1, state.selected + by)) }
        case .close:
            return ([], true)
        case .members:
            guard let row = state.selectedRow else { return ([], false) }
            state.memberSelected = 0
            return ([.loadGroupMembers(row.group.id)], false)
        case .create, .rename, .delete:
            if let refusal = readOnly ? readOnlyRefusal : state.refusal {
                notice = (refusal, true)
                return ([], false)
            }
            guard action == .create || state.selectedRow != nil else { return ([], false) }
            switch action {
            case .create:
                state.form = FormState(title: "New group in \(state.orgName)", fields: [
                    .init(id: "name", label: "Name", value: .text(""), hint: "Unique within the organization."),
                ])
                state.formKind = .create
            case .rename:
                guard let row = state.selectedRow else { break }
                state.form = FormState(title: "Rename “\(row.group.name)”", fields: [
                    .init(id: "name", label: "Name", value: .text(row.group.name), hint: "Unique within the organization."),
                ])
                state.formKind = .rename
            default:
                guard let row = state.selectedRow else { break }
                state.dialog = ConfirmDialog(.delete(row.group.id), title: "Delete group",
                                             message: ["Delete “\(row.group.name)” from \(state.orgName)? Its \(ChangeWording.count(row.members, "member")) stay "
                                                + "in the organization; only the group goes. This can't be undone."],
                                             confirmLabel: "Delete", mustType: row.group.name)
            }
        }
        return ([], false)
    }

    /// A key on one group's members: move, add one (chosen among the org's members), remove the selected one, back.
    static func membersKey(_ state: inout GroupsState, _ key: Key, refusal: String?, notice: inout (String, Bool)?) -> [OrgsFeature.Work] {
        guard let action = GroupMembersAction.keymap.action(for: key), let members = state.members, let row = state.selectedRow else { return [] }
        switch action {
        case .move(let by):
            if !members.isEmpty { state.memberSelected = max(0, min(members.count - 1, state.memberSelected + by)) }
        case .back:
            state.members = nil
        case .add, .remove:
            if let refusal {
                notice = (refusal, true)
            } else if action == .add {
                state.picker = MemberPickerState(groupId: row.group.id, groupName: row.group.name)
                return [.loadGroupCandidates(state.orgId, for: row.group.id)]
            } else if let member = state.selectedMember {
                state.dialog = ConfirmDialog(.removeMember(member, from: row.group.id), title: "Remove from group",
                                             message: ["Remove \(member) from “\(row.group.name)”? They stay in \(state.orgName)."],
                                             confirmLabel: "Remove")
            } else {
                notice = ("“\(row.group.name)” has no members to remove.", true)
            }
        }
        return []
    }

    static func formKey(_ state: inout GroupsState, _ key: Key) {
        guard var form = state.form else { return }
        let outcome = form.handle(key)
        state.form = form
        checkForm(&state)
        guard let form = state.form else { return }
        switch outcome {
        case .open: break
        case .cancelled: state.form = nil
        case .submitted:
            state.form = nil
            let name = form.text("name").trimmingCharacters(in: .whitespaces)
            switch state.formKind {
            case .rename:
                guard let row = state.selectedRow else { return }
                state.dialog = ConfirmDialog(.rename(row.group.id, to: name), title: "Rename group",
                                             message: ["Rename “\(row.group.name)” in \(state.orgName) to “\(name)”?"], confirmLabel: "Rename")
            case .create:
                state.dialog = ConfirmDialog(.create(name: name, in: state.orgId), title: "New group",
                                             message: ["Create the group “\(name)” in \(state.orgName)?"], confirmLabel: "Create")
            }
        }
    }

    /// The open form's problems, as typed.
    static func checkForm(_ state: inout GroupsState) {
        guard var form = state.form else { return }
        let name = form.text("name").trimmingCharacters(in: .whitespaces)
        form.setProblem("name", name.isEmpty ? "Give the group a name." : name.count > 100 ? "100 characters at most."
            : state.rows.contains { $0.group.name.lowercased() == name.lowercased() } ? "\(state.orgName) has a group by that name." : nil)
        state.form = form
    }
}
