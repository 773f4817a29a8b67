import Foundation

/// A person or service that can sign in. The email is the login and never changes.
public struct User: Codable, Identifiable, Sendable, Equatable {
    public var id: UserID
    public var email: Email
    public var firstName: String
    public var lastName: String
    public var kind: AccountKind
    public var systemRole: SystemRole
    public var status: AccountStatus
    /// Locked by an administrator until unlocked by hand.
    public var lockedByAdmin: Bool
    /// Locked after failed sign-ins until this time.
    public var lockedUntil: Date?
    public var failedSignIns: Int
    public var passwordHash: String?
    public var passwordChangeRequired: Bool
    public var mfaEnrollmentRequired: Bool
    public var mfaEnabled: Bool
    public var termsAcceptanceRequired: Bool
    public var termsAcceptedAt: Date?
    public var timeZone: String?
    /// Sign out after this many idle minutes; nil uses the system default.
    public var logOutAfterMinutes: Int?
    public var createdAt: Date
    public var lastSignInAt: Date?
    /// Optimistic concurrency: every update bumps it, a stale one is refused.
    public var version: Int

    /// "First Last", as the table shows and sorts it.
    public var fullName: String {
        [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    public var isActive: Bool { status == .active }

    /// The lock in force at `now`, if any.
    public func lock(at now: Date) -> LockState {
        LockState(lockedByAdmin: lockedByAdmin, lockedUntil: lockedUntil, at: now)
    }
}

/// Why an account can't sign in right now, if it can't.
public enum LockState: Equatable, Sendable {
    case unlocked
    case byAdministrator
    case until(Date)

    public var isLocked: Bool { self != .unlocked }

    /// An admin lock wins over a lock after failed sign-ins, which lasts until its time.
    public init(lockedByAdmin: Bool, lockedUntil: Date?, at now: Date) {
        if lockedByAdmin {
            self = .byAdministrator
        } else if let until = lockedUntil, until > now {
            self = .until(until)
        } else {
            self = .unlocked
        }
    }
}

