import Foundation

/// A user as a reader may see them: everything `users show` and the detail drawer print,
/// nothing secret (no password hash), and the system role only for those allowed to see it.
public struct UserProfile: Sendable, Equatable {
    public var id: UserID
    public var email: Email
    public var firstName: String
    public var lastName: String
    public var kind: AccountKind
    /// Nil when the reader may not see system roles: omitted, not blank.
    public var systemRole: SystemRole?
    public var status: AccountStatus
    public var lockedByAdmin: Bool
    public var lockedUntil: Date?
    public var passwordChangeRequired: Bool
    public var mfaEnabled: Bool
    public var mfaEnrollmentRequired: Bool
    public var termsAcceptanceRequired: Bool
    public var termsAcceptedAt: Date?
    public var timeZone: String?
    public var logOutAfterMinutes: Int?
    public var createdAt: Date
    public var lastSignInAt: Date?
    public var version: Int
    public var memberships: [MembershipDetail]
    /// The roles lent to the user now (`Elevation`) that the reader may see, with the org's name.
    public var elevations: [ElevationListing] = []

    init(_ user: User, memberships: [MembershipDetail], showsSystemRole: Bool) {
        id = user.id
        email = user.email
        firstName = user.firstName
        lastName = user.lastName
        kind = user.kind
        systemRole = showsSystemRole ? user.systemRole : nil
        status = user.status
        lockedByAdmin = user.lockedByAdmin
        lockedUntil = user.lockedUntil
        passwordChangeRequired = user.passwordChangeRequired
        mfaEnabled = user.mfaEnabled
        mfaEnrollmentRequired = user.mfaEnrollmentRequired
        termsAcceptanceRequired = user.termsAcceptanceRequired
        termsAcceptedAt = user.termsAcceptedAt
        timeZone = user.timeZone
        logOutAfterMinutes = user.logOutAfterMinutes
        createdAt = user.createdAt
        lastSignInAt = user.lastSignInAt
        version = user.version
        self.memberships = memberships
    }

    /// "First Last".
    public var fullName: String {
        [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The lock in force at `now`, if any.
    public func lock(at now: Date) -> LockState {
        LockState(lockedByAdmin: lockedByAdmin, lockedUntil: lockedUntil, at: now)
    }
}
