import Foundation

/// Which users a list, an export or a bulk action takes: every condition set must hold.
/// Unlike the console's type-to-filter (`UserQuery.filter`), these are exact facts scripts
/// ask about ("active read-only members of Acme with MFA off, no sign-in for 90 days").
public struct UserSelection: Sendable, Equatable {
    /// Name or email contains this text, case-insensitive.
    public var text: String?
    /// Members of this org.
    public var org: OrgID?
    public var role: SystemRole?
    public var status: AccountStatus?
    public var kind: AccountKind?
    /// Locked by an admin or throttled after failed sign-ins (true), or neither (false).
    public var locked: Bool?
    public var mfa: Bool?
    /// No sign-in for this many days: signed in before then, or never and created before then.
    public var noSignInForDays: Int?
    /// Only these users (the console's marks picked one by one).
    public var ids: [UserID]?
    /// Not these users (unmarked after the console's "mark all").
    public var excluding: [UserID] = []

    public init(text: String? = nil, org: OrgID? = nil, role: SystemRole? = nil, status: AccountStatus? = nil,
                kind: AccountKind? = nil, locked: Bool? = nil, mfa: Bool? = nil, noSignInForDays: Int? = nil) {
        let trimmed = text?.trimmingCharacters(in: .whitespaces)
        self.text = (trimmed?.isEmpty ?? true) ? nil : trimmed
        self.org = org
        self.role = role
        self.status = status
        self.kind = kind
        self.locked = locked
        self.mfa = mfa
        self.noSignInForDays = noSignInForDays
    }

    /// True when nothing narrows the selection beyond the reader's own visibility.
    public var isEverything: Bool { self == UserSelection() }
}

/// One user as an export writes it: the list row plus the names and memberships an import reads back.
public struct ExportedUser: Sendable, Equatable {
    public var row: UserRow
    public var firstName: String
    public var lastName: String
    /// Org name and org role, alphabetical by org.
    public var memberships: [ExportedMembership]
}

public struct ExportedMembership: Sendable, Equatable {
    public var orgId: OrgID
    public var org: String
    public var role: OrgRole

    public init(orgId: OrgID, org: String, role: OrgRole) {
        self.orgId = orgId
        self.org = org
        self.role = role
    }
}
