import RosterCore
import RosterTerminal

/// One organization's groups (from the orgs screen, `g`): each with its member count;
/// create, rename and delete them; Enter lists a group's members.
public struct GroupsState: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var group: UserGroup
        public var members: Int

        public init(group: UserGroup, members: Int) {
            self.group = group
            self.members = members
        }
    }

    public var orgId: OrgID
    public var orgName: String
    /// Why the operator may not manage this org's groups (nil: they may).
    public var refusal: String?
    public var rows: [Row] = []
    public var selected = 0
    public var loading = true
    /// The selected group's members, when opened, and the one selected among them.
    public var members: [Email]?
    public var memberSelected = 0
    /// Naming a new group or renaming one, and which.
    public var form: FormState?
    public var formKind: FormKind = .create
    public var dialog: ConfirmDialog<GroupChange>?
    /// Choosing someone of the org to add to the open group.
    public var picker: MemberPickerState?
    public var working = false

    public init(orgId: OrgID, orgName: String, refusal: String?) {
        self.orgId = orgId
        self.orgName = orgName
        self.refusal = refusal
    }

    public var selectedRow: Row? { rows.indices.contains(selected) ? rows[selected] : nil }
    public var selectedMember: Email? { members.flatMap { $0.indices.contains(memberSelected) ? $0[memberSelected] : nil } }

    public enum FormKind: Equatable, Sendable {
        case create, rename
    }
}

/// A change to an org's groups.
public enum GroupChange: Equatable, Sendable {
    case create(name: String, in: OrgID)
    case rename(GroupID, to: String)
    case delete(GroupID)
    /// Members are named by email, as the members list shows them; they must be in the group's org.
    case addMember(Email, to: GroupID)
    case removeMember(Email, from: GroupID)
}

/// What a key does on a groups list.
public enum GroupsAction: Equatable, Sendable {
    case move(Int)
    case members
    case create
    case rename
    case delete
    case close
}

extension GroupsAction {
    public static let keymap = Keymap<GroupsAction>("Groups", id: "groups", [
        Binding(id: "down", ["j", .down], "down", footer: true, .move(1)),
        Binding(id: "up", ["k", .up], "up", .move(-1)),
        Binding(id: "members", [.enter], "members", footer: true, .members),
        Binding(id: "new", ["n"], "new group", short: "new", footer: true, .create),
        Binding(id: "rename", ["e"], "rename", footer: true, .rename),
        Binding(id: "delete", ["X"], "delete (type its name)", short: "delete", .delete),
        Binding(id: "back", [.escape], "back to the organizations", short: "back", footer: true, .close),
    ])
}

/// What a key does on one group's member list.
public enum GroupMembersAction: Equatable, Sendable {
    case move(Int)
    case add
    case remove
    case back
}

extension GroupMembersAction {
    public static let keymap = Keymap<GroupMembersAction>("Group members", id: "group-members", [
        Binding(id: "down", ["j", .down], "down", .move(1)),
        Binding(id: "up", ["k", .up], "up", .move(-1)),
        Binding(id: "add", ["a"], "add someone of the org", short: "add", footer: true, .add),
        Binding(id: "remove", ["A"], "remove from the group", short: "remove", footer: true, .remove),
        Binding(id: "back", [.escape, .control("c")], "back to the groups", short: "back", footer: true, .back),
    ])
}
