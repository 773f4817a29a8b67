/// Something one account may do to another.
public enum UserAction: String, CaseIterable, Sendable, Codable {
    case view
    case create
    case updateProfile = "update-profile"
    case changeSystemRole = "change-role"
    case deactivate
    case reactivate
    case lock
    case unlock
    case requirePasswordChange = "require-password-change"
    case resetPassword = "reset-password"
    case resetMFA = "reset-mfa"
    case endSessions = "end-sessions"
    case manageAPIKeys = "manage-api-keys"
    /// Adding or removing the addresses a user may sign in from.
    case manageIPRules = "manage-ip-rules"
    /// Registering or removing the SSH public keys that let a person in over SSH.
    case manageSSHKeys = "manage-ssh-keys"
    case delete
    /// Adding the user to an org: org admins may too, within the org's limits.
    case addToOrg = "add-to-org"
    /// Lending a higher role until a set time (`Elevation`).
    case elevate
    /// Ending an elevation before its time.
    case endElevation = "end-elevation"

    /// Actions a signed-in person must have proved it was them lately to take (sudo mode,
    /// as GitHub's and kanidm's): passwords, MFA, roles, keys, deleting.
    public var needsRecentAuthentication: Bool {
        switch self {
        case .resetPassword, .resetMFA, .changeSystemRole, .delete, .manageAPIKeys, .manageSSHKeys, .manageIPRules, .elevate: true
        default: false
        }
    }

    /// Actions nobody may take against their own account.
    public var isSelfForbidden: Bool {
        switch self {
        // Resetting one's own password or MFA would skip proving the current ones (use
        // `passwd` and `mfa`); lifting one's own IP rules would defeat them.
        // Elevating oneself is power taken, not given: another person must grant it.
        case .deactivate, .reactivate, .lock, .unlock, .delete, .changeSystemRole, .resetPassword, .resetMFA, .manageIPRules, .elevate: true
        default: false
        }
    }

    /// Actions on the user's credentials: an org admin needs all of the user's orgs for them,
    /// and API keys may never take them.
    public var isCredential: Bool {
        switch self {
        case .resetPassword, .resetMFA, .manageAPIKeys, .manageIPRules, .manageSSHKeys: true
        default: false
        }
    }

    /// Actions that would leave the system without an active administrator if aimed at the last one.
    public var removesAdministrator: Bool {
        switch self {
        case .deactivate, .delete, .changeSystemRole, .lock: true
        default: false
        }
    }

    /// Actions that take a user out of their orgs' working set (for the last-org-admin rule).
    public var removesOrgAdmin: Bool {
        switch self {
        case .deactivate, .delete: true
        default: false
        }
    }

    /// Words for messages: "may not \(verb) …".
    public var verb: String {
        switch self {
        case .view: "view"
        case .create: "create"
        case .updateProfile: "edit"
        case .changeSystemRole: "change the system role of"
        case .deactivate: "deactivate"
        case .reactivate: "reactivate"
        case .lock: "lock"
        case .unlock: "unlock"
        case .requirePasswordChange: "require a password change of"
        case .resetPassword: "reset the password of"
        case .resetMFA: "reset MFA of"
        case .endSessions: "end sessions of"
        case .manageAPIKeys: "manage API keys of"
        case .manageIPRules: "change the IP rules of"
        case .manageSSHKeys: "manage SSH keys of"
        case .delete: "delete"
        case .addToOrg: "add to your organization"
        case .elevate: "elevate"
        case .endElevation: "end the elevation of"
        }
    }
}

/// A change to one membership.
public enum MembershipChange: String, Sendable, Codable {
    case add, changeRole = "change-role", remove
}

/// Something an actor may do to an organization or the system as a whole.
public enum OrgAction: String, CaseIterable, Sendable, Codable {
    case create, rename, lock, unlock, delete
    case setLimits = "set-limits"
    case setMFARequired = "set-mfa-required"
    case manageMembers = "manage-members"
    case manageGroups = "manage-groups"
    /// Starting, deciding and submitting an access review of the org's members.
    case reviewMembers = "review-members"
    case setReviewInterval = "set-review-interval"

    public var verb: String {
        switch self {
        case .create: "create organizations"
        case .rename: "rename this organization"
        case .lock: "lock this organization"
        case .unlock: "unlock this organization"
        case .delete: "delete this organization"
        case .setLimits: "change this organization's user limits"
        case .setMFARequired: "change this organization's MFA policy"
        case .manageMembers: "manage this organization's members"
        case .manageGroups: "manage this organization's groups"
        case .reviewMembers: "review this organization's members"
        case .setReviewInterval: "change this organization's review interval"
        }
    }
}
