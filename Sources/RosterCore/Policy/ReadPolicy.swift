/// Something one account may read about another; `Policy` says who may read it about whom.
public enum UserRead: String, CaseIterable, Sendable, Codable {
    /// Profile, memberships, security state: `users show`, the detail drawer.
    case profile
    case sessions
    case apiKeys = "api-keys"
    /// Pending reset links (never the tokens themselves).
    case resets
    case ipRules = "ip-rules"
    case sshKeys = "ssh-keys"
    /// Audit rows about the user.
    case activity

    /// Words for messages: "may not view \(noun) of …".
    public var noun: String {
        switch self {
        case .profile: "the profile"
        case .sessions: "the sessions"
        case .apiKeys: "the API keys"
        case .resets: "the pending resets"
        case .ipRules: "the IP rules"
        case .sshKeys: "the SSH keys"
        case .activity: "the activity"
        }
    }

    /// Reads about credentials: an API key acts on data, never on credentials.
    public var isCredential: Bool { self == .apiKeys || self == .resets || self == .sshKeys }
}

/// Reads that are not about one user.
public enum SystemRead: String, CaseIterable, Sendable, Codable {
    case outbox
    case settings
    case organizations
    case orgMembers = "org-members"
    /// The System Role column, and sorting by it (administrators and operations admins only).
    case systemRoles = "system-roles"
    /// The trail as a whole (its head), beyond the rows one may read.
    case auditTrail = "audit-trail"

    public var noun: String {
        switch self {
        case .outbox: "the mail outbox"
        case .settings: "the system settings"
        case .organizations: "the organizations"
        case .orgMembers: "this organization's members"
        case .systemRoles: "system roles"
        case .auditTrail: "the whole audit trail"
        }
    }
}

/// Which users an actor can see at all. The users list and count are filtered by it in SQL,
/// so a hidden user is never read, not merely not shown.
public enum UserVisibility: Sendable, Equatable, Hashable {
    /// Administrators, operations admins, accounts admins, and the break-glass actor.
    case everyone
    /// Members of these orgs (where the actor is org admin), and the actor's own account.
    case scoped(orgs: [OrgID], user: UserID?)

    public func includes(_ target: PolicyTarget) -> Bool {
        switch self {
        case .everyone: true
        case .scoped(let orgs, let user): target.id == user || orgs.contains(where: target.orgs.contains)
        }
    }
}

/// Which audit rows an actor can read.
public enum AuditVisibility: Sendable, Equatable {
    case everything
    /// Rows about these orgs or their members, and rows by or about the actor.
    case scoped(orgs: [OrgID], user: UserID?)
}

extension Policy {
    /// Which users `actor` can see: everyone, for accounts admins and above and the system actor;
    /// otherwise themselves and the members of the orgs they administer.
    public static func visibility(for actor: Actor) -> UserVisibility {
        if actor.userId == nil || actor.systemRole.administersAccounts { return .everyone }
        return .scoped(orgs: administeredOrgs(of: actor), user: actor.userId)
    }

    /// May `actor` read `what` about `target`? Nil means yes.
    public static func checkRead(_ what: UserRead, by actor: Actor, on target: PolicyTarget) -> Denial? {
        if what.isCredential, actor.viaAPIKey { return .apiKeyCannotManageCredentials }
        return visibility(for: actor).includes(target) ? nil : .notVisible(what)
    }

    /// May `actor` read this system-wide data? `org` names the org for `.orgMembers`.
    public static func checkRead(_ what: SystemRead, by actor: Actor, org: OrgID? = nil) -> Denial? {
        switch what {
        case .outbox:
            // Reset links and account info travel through it: credentials, not data.
            if actor.viaAPIKey { return .apiKeyCannotManageCredentials }
            return actor.systemRole >= .operationsAdmin ? nil : .cannotView(what)
        case .settings:
            return actor.systemRole >= .operationsAdmin ? nil : .cannotView(what)
        case .organizations:
            return nil  // filtered instead: see `seesAllOrganizations`
        case .systemRoles:
            return maySeeSystemRole(actor) ? nil : .cannotView(what)
        case .auditTrail:
            return auditVisibility(for: actor) == .everything ? nil : .cannotView(what)
        case .orgMembers:
            if actor.systemRole.administersAccounts { return nil }
            if let org, actor.isOrgAdmin(of: org) { return nil }
            return .cannotView(what)
        }
    }

    /// Account admins and above list every org; everyone else lists the orgs they belong to.
    public static func seesAllOrganizations(_ actor: Actor) -> Bool {
        actor.userId == nil || actor.systemRole.administersAccounts
    }

    /// May `actor` know that `org` exists at all?
    public static func seesOrg(_ org: OrgID, by actor: Actor) -> Bool {
        seesAllOrganizations(actor) || actor.orgRoles[org] != nil
    }

    /// An org the actor may not see is answered as if it did not exist (`orgs … ID` or a name).
    public static func checkOrgVisible(_ org: OrgID, by actor: Actor, reference: String) -> Denial? {
        seesOrg(org, by: actor) ? nil : .hidden(.orgNotFound(reference))
    }

    /// The System Role is shown only to administrators and operations admins.
    public static func maySeeSystemRole(_ actor: Actor) -> Bool {
        maySeeSystemRole(role: actor.systemRole)
    }

    /// The same rule by role alone, for screens that know the operator's role.
    public static func maySeeSystemRole(role: SystemRole) -> Bool {
        role >= .operationsAdmin
    }

    /// Which audit rows `actor` can read: everything for administrators and operations
    /// admins; the rows about their orgs and members for org admins; one's own for everyone.
    public static func auditVisibility(for actor: Actor) -> AuditVisibility {
        if actor.userId == nil || actor.systemRole >= .operationsAdmin { return .everything }
        return .scoped(orgs: administeredOrgs(of: actor), user: actor.userId)
    }

    /// The orgs where `actor` is org admin, in id order so queries built from them are stable.
    static func administeredOrgs(of actor: Actor) -> [OrgID] {
        actor.orgRoles.filter { $0.value == .orgAdmin }.keys.sorted { $0.rawValue < $1.rawValue }
    }
}

extension Policy {
    /// May `actor` narrow a list, export or bulk run by these? Readers who may not see system
    /// roles may neither select nor sort by them; an org filter is a list of that
    /// org's members, so only those who may list them may use it (an org admin's filter by an
    /// org they merely belong to would show which of their members are also in it).
    public static func checkSelection(role: SystemRole?, org: OrgID?, sortsByRole: Bool, by actor: Actor) -> Denial? {
        if role != nil || sortsByRole, !maySeeSystemRole(actor) { return .cannotView(.systemRoles) }
        if let org, visibility(for: actor) != .everyone { return checkRead(.orgMembers, by: actor, org: org) }
        return nil
    }

    /// An audit row's details as a reader with scoped audit visibility may read them. Such a
    /// reader may not see system roles (only operations admins and above read the whole
    /// trail, and only they see roles), nor a member's other orgs: roles, org lists and the
    /// denial's own words (which can name either) are left out; the reason code stays.
    public static func auditDetailsForScopedReader(_ details: [String: String], action: String) -> [String: String] {
        details.filter { key, _ in
            switch key {
            // Request summaries and outcomes, and lent roles, may name system roles and settings.
            case "message", "role", "orgs", "changed", "summary", "outcome", "ended": false
            case "from", "to": action != "user.change-role"
            default: !key.hasPrefix("org ")
            }
        }
    }

    /// Which of a user's orgs `actor` may see them in: all for those who see every user and
    /// for one's own account; for an org admin, only the orgs they administer (a member's
    /// other orgs are not theirs to know).
    public static func seesMembership(in org: OrgID, of target: UserID, by actor: Actor) -> Bool {
        switch visibility(for: actor) {
        case .everyone: true
        case .scoped(let orgs, let user): target == user || orgs.contains(org)
        }
    }
}

