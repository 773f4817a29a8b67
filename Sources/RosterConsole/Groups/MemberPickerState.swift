import RosterCore
import RosterTerminal

/// Choosing someone of the org to add to a group (`a` on its member list): the org's members
/// not in the group yet, narrowed as the operator types part of a name or an email. Only
/// people already in the org are offered, so the service's "must be a member" never has to refuse.
public struct MemberPickerState: Equatable, Sendable {
    public var groupId: GroupID
    public var groupName: String
    /// The org's members not in the group, as read (nil: still reading).
    public var candidates: [OrgMember]?
    public var query = ""
    public var selected = 0
    /// Why the members couldn't be read.
    public var error: String?

    public init(groupId: GroupID, groupName: String) {
        self.groupId = groupId
        self.groupName = groupName
    }

    /// At most this many matches are listed (and chosen among): typing narrows the rest.
    static let shown = 500

    /// The candidates whose name or email holds every typed word, ignoring case, in the order
    /// read; the first `shown` of them.
    public var matches: [OrgMember] {
        let words = query.lowercased().split(separator: " ")
        let all = candidates ?? []
        guard !words.isEmpty else { return Array(all.prefix(Self.shown)) }
        return Array(all.lazy.filter { member in
            let text = (member.name + " " + member.email.value).lowercased()
            return words.allSatisfy { text.contains($0) }
        }.prefix(Self.shown))
    }

    public var chosen: OrgMember? {
        let matches = matches
        return matches.indices.contains(selected) ? matches[selected] : nil
    }
}

/// What a key does in the member picker; printable keys are typed into its filter.
public enum MemberPickerAction: Equatable, Sendable {
    case move(Int)
    case choose
    case cancel
    case erase
    case clear
}

extension MemberPickerAction {
    public static let keymap = Keymap<MemberPickerAction>("Add to group", id: "add-to-group", [
        Binding(id: "next", [.down, .control("n")], "next", footer: true, .move(1)),
        Binding(id: "previous", [.up, .control("p")], "previous", .move(-1)),
        Binding(id: "choose", [.enter], "add the chosen one", short: "add", footer: true, .choose),
        Binding(id: "cancel", [.escape, .control("c")], "cancel", footer: true, .cancel),
        Binding(id: "erase", [.backspace], "erase a typed character", .erase),
        Binding(id: "clear", [.control("u")], "erase what was typed", .clear),
    ])

    /// A key in the picker: typing narrows, Enter asks to confirm adding the chosen member.
    static func reduce(_ groups: inout GroupsState, key: Key) {
        guard var picker = groups.picker else { return }
        if case .character(let character) = key, !character.isNewline,
           !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }), keymap.action(for: key) == nil {
            if picker.query.count < 200 { picker.query.append(character) }
            picker.selected = 0
            groups.picker = picker
            return
        }
        switch keymap.action(for: key) {
        case .move(let by)?:
            let count = picker.matches.count
            if count > 0 { picker.selected = (picker.selected + by + count) % count }
        case .erase?:
            if !picker.query.isEmpty { picker.query.removeLast() }
            picker.selected = 0
        case .clear?:
            picker.query = ""
            picker.selected = 0
        case .cancel?:
            groups.picker = nil
            return
        case .choose?:
            guard let member = picker.chosen else { return }
            groups.picker = nil
            groups.dialog = ConfirmDialog(.addMember(member.email, to: picker.groupId), title: "Add to group",
                                          message: ["Add \(member.email) to “\(picker.groupName)” in \(groups.orgName)?"], confirmLabel: "Add")
            return
        case nil:
            break
        }
        groups.picker = picker
    }

    /// The picker as drawn: the typed line, the matches with their org role, and why it is empty.
    static func box(_ picker: MemberPickerState, orgName: String) -> PickerBox {
        let matches = picker.matches
        let empty = if let error = picker.error {
            error
        } else if picker.candidates == nil {
            "Reading the members of \(orgName)…"
        } else if picker.candidates?.isEmpty == true {
            "Everyone in \(orgName) is in this group already; o in a user's drawer adds people to the org."
        } else {
            "Nobody in \(orgName) matches; Backspace to widen."
        }
        return PickerBox(title: "Add to “\(picker.groupName)”: someone of \(orgName)", query: picker.query,
                         items: matches.map { member in
                             PickerBox.Item(label: member.name.isEmpty ? member.email.value : "\(member.name) <\(member.email)>",
                                            hint: member.role.title.lowercased())
                         }, selected: picker.selected, empty: empty)
    }
}
