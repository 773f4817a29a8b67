import RosterCore
import RosterTerminal

/// What a key does while choosing a system role.
public enum RolePickerAction: Equatable, Sendable {
    case move(Int)
    case choose
    case cancel
}

extension RolePickerAction {
    public static let keymap = Keymap<RolePickerAction>("System role", id: "system-role", [
        Binding(id: "next-role", ["j", .down], "next role", footer: true, .move(1)),
        Binding(id: "previous-role", ["k", .up], "previous role", .move(-1)),
        Binding(id: "choose", [.enter], "choose", footer: true, .choose),
        Binding(id: "cancel", [.escape, .control("c")], "cancel", footer: true, .cancel),
    ])

    /// A key in the picker: a role the operator may grant goes on to its confirmation; one
    /// they may not says why and stays.
    static func reduce(_ drawer: inout DrawerState, key: Key) {
        guard var picker = drawer.rolePicker else { return }
        picker.notice = nil
        let roles = SystemRole.allCases
        switch keymap.action(for: key) {
        case .move(let by):
            picker.selected = (picker.selected + by + roles.count) % roles.count
        case .cancel:
            drawer.rolePicker = nil
            return
        case .choose:
            let role = picker.chosen
            if role == picker.current {
                picker.notice = "That is their role already."
            } else if let refusal = picker.refusals[role] {
                picker.notice = refusal
            } else if let profile = drawer.detail?.profile {
                drawer.rolePicker = nil
                drawer.dialog = ConfirmDialog(.edit(.role(role), profile.id, expectedVersion: profile.version), title: "Change system role",
                                              message: ["Make \(profile.fullName) (\(profile.email)) \(role.title)? "
                                                + "Their role is \(picker.current.title) now; what they may see and do changes at their next step."],
                                              confirmLabel: "Change role")
                return
            }
        case nil:
            break
        }
        drawer.rolePicker = picker
    }

    static func box(_ picker: RolePickerState, name: String) -> PickerBox {
        let items = SystemRole.allCases.map { role in
            PickerBox.Item(label: role.title, hint: role == picker.current ? "current" : picker.refusals[role] == nil ? "" : "(not yours to grant)",
                           enabled: role != picker.current && picker.refusals[role] == nil)
        }
        return PickerBox(title: "System role for \(name)", query: nil, items: items, selected: picker.selected,
                         detail: picker.notice ?? picker.refusals[picker.chosen])
    }
}
