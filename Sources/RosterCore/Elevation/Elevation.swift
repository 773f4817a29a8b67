import Foundation

/// What an elevation lends for a while: a higher system role, or org admin in one org.
public enum ElevatedRole: Sendable, Equatable, Hashable {
    case system(SystemRole)
    case orgAdmin(OrgID)

    /// The role as a grant, for the rules every grant of power follows.
    public var grant: Grant {
        switch self {
        case .system(let role): .systemRole(role)
        case .orgAdmin: .orgRole(.orgAdmin)
        }
    }
}

/// A role held until a set time, then dropped by itself: nothing runs at the end. Whoever
/// reads the user's roles asks which elevations are open at that moment (`isActive`), so a
/// Roster that was down when one ended never leaves the power behind.
public struct Elevation: Codable, Sendable, Equatable, Identifiable {
    public var id: ElevationID?
    public var userId: UserID
    /// The system role lent, for a system elevation (nil for an org one).
    public var systemRole: SystemRole?
    /// The org where the user is org admin meanwhile, for an org elevation.
    public var orgId: OrgID?
    public var reason: String
    public var grantedAt: Date
    /// The granter, as the audit trail names them.
    public var grantedBy: String
    public var endsAt: Date
    /// When it stopped counting before its time (`end-elevation`), or when the trail recorded
    /// that its time was up; nil while neither happened.
    public var closedAt: Date?
    /// Who ended it early; nil when it ran its time.
    public var endedBy: String?

    public init(userId: UserID, role: ElevatedRole, reason: String, grantedAt: Date, grantedBy: String, endsAt: Date) {
        self.userId = userId
        switch role {
        case .system(let systemRole): self.systemRole = systemRole
        case .orgAdmin(let org): orgId = org
        }
        self.reason = reason
        self.grantedAt = grantedAt
        self.grantedBy = grantedBy
        self.endsAt = endsAt
    }

    public var role: ElevatedRole {
        if let orgId { return .orgAdmin(orgId) }
        return .system(systemRole ?? .standard)
    }

    /// Counts at `now`: not ended early and its time not up.
    public func isActive(at now: Date) -> Bool { closedAt == nil && now < endsAt }

    /// Where it stands at `now`, for lists and the drawer.
    public func state(at now: Date) -> State {
        if isActive(at: now) { return .active }
        return endedBy == nil ? .expired : .ended
    }

    public enum State: String, Sendable {
        case active, expired, ended
    }
}

/// An elevation with the names a person reads beside it.
public struct ElevationListing: Sendable, Equatable {
    public var elevation: Elevation
    public var email: String
    /// The org's name, for an org elevation.
    public var org: String?

    /// "Operations admin" or "org admin of Acme".
    public var roleTitle: String {
        switch elevation.role {
        case .system(let role): role.title
        case .orgAdmin: "Org admin of \(org ?? "an org")"
        }
    }
}
