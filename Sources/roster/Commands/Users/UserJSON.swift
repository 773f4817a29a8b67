import Foundation
import RosterCore

/// The stable JSON shape of a user for scripts.
struct UserJSON: Encodable {
    var id: Int64
    var email: String
    var name: String
    var kind: String
    /// Left out for readers who may not see system roles.
    var role: String?
    var status: String
    var locked: Bool
    var mfa: Bool
    var orgs: [String]
    var createdAt: Date
    var lastSignInAt: Date?
    var version: Int

    init(_ row: UserRow, now: Date) {
        id = row.id.rawValue
        email = row.email.value
        name = row.name
        kind = row.kind.name
        role = row.systemRole?.name
        status = row.status.rawValue
        locked = row.lockedByAdmin || (row.lockedUntil.map { $0 > now } ?? false)
        mfa = row.mfaEnabled
        orgs = row.orgs.isEmpty ? [] : row.orgs.components(separatedBy: ", ")
        createdAt = row.createdAt
        lastSignInAt = row.lastSignInAt
        version = row.version
    }
}

/// The full JSON shape of one user, for `users show`.
struct UserDetailJSON: Encodable {
    var id: Int64
    var email: String
    var firstName: String
    var lastName: String
    var kind: String
    /// Left out for readers who may not see system roles.
    var role: String?
    var status: String
    var lockedByAdmin: Bool
    var lockedUntil: Date?
    var passwordChangeRequired: Bool
    var mfaEnabled: Bool
    var mfaEnrollmentRequired: Bool
    var termsAcceptanceRequired: Bool
    var termsAcceptedAt: Date?
    var timeZone: String?
    var logOutAfterMinutes: Int?
    var createdAt: Date
    var lastSignInAt: Date?
    var version: Int
    var memberships: [Membership]
    /// Left out when the user has none (and by commands that don't read it).
    var avatar: AvatarJSON?
    /// Roles lent now, as `users elevations` prints them; left out when none.
    var elevations: [Elevation]?

    struct Membership: Encodable {
        var org: String
        var role: String
    }

    struct Elevation: Encodable {
        var id: Int64?
        var role, reason, grantedBy: String
        var org: String?
        var endsAt: Date
    }

    struct AvatarJSON: Encodable {
        var format: String
        var width: Int
        var height: Int
        var bytes: Int
        var setAt: Date
        var setBy: String
    }

    init(_ user: UserProfile, avatar: Avatar? = nil) {
        id = user.id.rawValue
        email = user.email.value
        firstName = user.firstName
        lastName = user.lastName
        kind = user.kind.name
        role = user.systemRole?.name
        status = user.status.rawValue
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
        memberships = user.memberships.map { Membership(org: $0.orgName, role: $0.role.name) }
        elevations = user.elevations.isEmpty ? nil : user.elevations.map {
            Elevation(id: $0.elevation.id?.rawValue, role: $0.roleTitle, reason: $0.elevation.reason, grantedBy: $0.elevation.grantedBy,
                      org: $0.org, endsAt: $0.elevation.endsAt)
        }
        self.avatar = avatar.map {
            AvatarJSON(format: $0.format.rawValue, width: $0.width, height: $0.height, bytes: $0.byteCount, setAt: $0.setAt, setBy: $0.setBy)
        }
    }
}
