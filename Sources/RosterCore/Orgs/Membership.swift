import Foundation

/// A user's place in one organization.
public struct Membership: Codable, Sendable, Equatable {
    public var userId: UserID
    public var orgId: OrgID
    public var role: OrgRole
    public var createdAt: Date
}

/// A member of an org as the org's member list shows them.
public struct OrgMember: Codable, Sendable, Equatable {
    public var userId: UserID
    public var email: Email
    public var name: String
    public var role: OrgRole

    public init(userId: UserID, email: Email, name: String, role: OrgRole) {
        self.userId = userId
        self.email = email
        self.name = name
        self.role = role
    }
}

/// A membership with the org's name, as the drawer and CLI show it.
public struct MembershipDetail: Codable, Sendable, Equatable {
    public var orgId: OrgID
    public var orgName: String
    public var role: OrgRole
    /// The org's MFA policy: when on, its members must enroll.
    public var orgRequiresMFA = false
}
