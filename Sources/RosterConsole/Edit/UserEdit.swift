import Foundation
import RosterCore

/// An edit of one user's record from the drawer, carrying the version it was read at.
public enum UserEdit: Equatable, Sendable {
    case profile(ProfileChange)
    case role(SystemRole)
    case addMembership(OrgID, OrgRole)
    /// A new org role, or nil to end the membership.
    case membership(OrgID, OrgRole?)
    case revokeKey(Int64)
    case endSession(Int64)
    case addIPRule(String)
    case removeIPRule(Int64)
    /// A checked image (read from a file first, so the dialog can say what it is).
    case setAvatar(AvatarImage)
    case clearAvatar
    /// Lending a role for `seconds`, for `reason`.
    case elevate(ElevatedRole, seconds: TimeInterval, reason: String)
    /// Ending every lent role they hold now.
    case endElevation
}

/// Choosing a system role: every role listed, the ones the operator may not grant dimmed with
/// the reason (from the same Policy the service asks).
public struct RolePickerState: Equatable, Sendable {
    public var current: SystemRole
    public var refusals: [SystemRole: String]
    public var selected: Int
    /// Why the last Enter chose nothing.
    public var notice: String?

    public init(current: SystemRole, refusals: [SystemRole: String]) {
        self.current = current
        self.refusals = refusals
        self.selected = SystemRole.allCases.firstIndex(of: current) ?? 0
    }

    var chosen: SystemRole { SystemRole.allCases[selected] }
}
