import Foundation

/// A sign-in: created when a password (or key) is accepted, ended by sign-out, an admin,
/// or deactivation. The token itself is never stored, only its SHA-256.
public struct Session: Codable, Identifiable, Sendable, Equatable {
    public var id: SessionID
    public var userId: UserID
    public var tokenHash: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var ip: String?
    public var client: String?
    public var endedAt: Date?
    public var endReason: String?
    /// The fingerprint of the SSH key the session signed in with (sessions opened over SSH).
    public var sshKey: String?
    /// When the person last proved it was them: the sign-in, or a later `sudo`.
    public var authenticatedAt: Date?

    public var isOpen: Bool { endedAt == nil }
}

/// An IP allow rule (a CIDR) tied to a user; removed when the user is deactivated.
public struct IPRule: Codable, Identifiable, Sendable, Equatable {
    public var id: Int64
    public var userId: UserID
    public var cidr: String
    public var createdAt: Date
}

/// Why a session can no longer act, in words for the person whose session it was.
public enum SessionEndReason: String, Sendable, Equatable {
    case idle
    case lifetime
    case accountUnavailable = "account-unavailable"
    case ended

    public var message: String {
        switch self {
        case .idle: "You were signed out after a period without activity. Sign in again."
        case .lifetime: "Your session reached its maximum lifetime. Sign in again."
        case .accountUnavailable: "Your account has been deactivated or locked, so you were signed out. Ask an administrator."
        case .ended: "Your session was ended (signed out elsewhere, or by an administrator). Sign in again."
        }
    }
}
