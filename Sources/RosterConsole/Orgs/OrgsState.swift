import RosterCore

/// The orgs screen: each organization with its members counted against its limits per
/// account kind (how many more of each kind can be added), MFA policy and lock;
/// Enter lists its members with their org roles.
public struct OrgsState: Equatable, Sendable {
    /// One org as the screen shows it, with why the operator may not take each action on it.
    public struct Row: Equatable, Sendable {
        public var org: Org
        public var headcount: OrgHeadcount
        public var refusals: [OrgAction: String]
        /// When its next access review is due, as of the read.
        public var reviewDue: ReviewDue?

        public init(org: Org, headcount: OrgHeadcount, refusals: [OrgAction: String], reviewDue: ReviewDue? = nil) {
            self.org = org
            self.headcount = headcount
            self.refusals = refusals
            self.reviewDue = reviewDue
        }
    }

    public var rows: [Row] = []
    public var selected = 0
    public var loading = true
    public var error: String?
    var dialog: ConfirmDialog<OrgsFeature.Work>?
    /// Setting limits, of this org (rows may be read again while the form is open).
    public var form: FormState?
    public var formOrg: OrgID?
    public var formKind: FormKind = .limits

    public enum FormKind: Equatable, Sendable { case limits, create, rename }
    public var working = false
    public var notice: String?
    public var noticeRefused = false
    /// The members of the selected org, when opened with Enter.
    public var members: [OrgMember]?
    /// The selected org's groups, when opened with `g`.
    public var groups: GroupsState?
    /// The selected org's access review, when opened with `v`.
    public var review: ReviewState?

    public init() {}

    public var selectedRow: Row? { rows.indices.contains(selected) ? rows[selected] : nil }

    /// Rows read for the groups (or one group's members) landing: applied while the list they
    /// were read for is still open (`isOpen`), else dropped; a failure is said.
    mutating func landInGroups<Rows>(_ result: Result<Rows, ScreenReadFailure>, if isOpen: (GroupsState) -> Bool,
                                     _ apply: (inout GroupsState, Rows) -> Void) {
        guard var open = groups, isOpen(open) else { return }
        switch result {
        case .success(let rows): apply(&open, rows)
        case .failure(let failure):
            open.loading = false
            say(failure.message, refused: true)
        }
        groups = open
    }
}

/// A change to one organization, carrying the version it was read at.
public enum OrgChange: Equatable, Sendable {
    case lock(Bool)
    case requireMFA(Bool)
    case limits(standard: Int?, service: Int?)
    case create(name: String)
    case rename(String)
    case delete

    var action: OrgAction {
        switch self {
        case .lock(let locked): locked ? .lock : .unlock
        case .requireMFA: .setMFARequired
        case .limits: .setLimits
        case .create: .create
        case .rename: .rename
        case .delete: .delete
        }
    }
}

/// What a key does on the orgs screen.
public enum OrgsAction: Equatable, Sendable {
    case move(Int)
    case members
    case lockOrUnlock
    case requireMFA
    case limits
    case groups
    case review
    case create
    case rename
    case delete
    case reload
}

/// What a key does in an org's member list.
public enum OrgMembersAction: Equatable, Sendable {
    case move(Int)
    case close
}
