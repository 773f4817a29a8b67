import Foundation

/// A user's TOTP authenticator. The secret is sealed; it counts only once confirmed with a first code.
public struct TOTPCredential: Codable, Sendable, Equatable {
    public var userId: UserID
    public var sealedSecret: Data
    public var algorithm: TOTP.Algorithm
    public var digits: Int
    public var period: Int
    public var createdAt: Date
    public var confirmedAt: Date?
    /// The last time step accepted, so no code works twice.
    public var lastUsedStep: Int64?
}

/// One single-use recovery code, stored as a hash.
public struct RecoveryCode: Codable, Sendable, Equatable {
    public var id: Int64?
    public var userId: UserID
    public var codeHash: String
    public var createdAt: Date
    public var usedAt: Date?
}

/// A pending or spent set-password link. The token is mailed; only its hash is kept.
public struct PasswordReset: Codable, Sendable, Equatable, Identifiable {
    public enum Purpose: String, Codable, Sendable {
        /// "Reset password": the user chooses a new one.
        case reset
        /// "Send account info": the login and a link to set a first password.
        case accountInfo = "account-info"
    }

    public var id: Int64?
    public var userId: UserID
    public var tokenHash: String
    public var purpose: Purpose
    public var createdAt: Date
    public var createdBy: String
    public var expiresAt: Date
    public var usedAt: Date?
    public var cancelledAt: Date?

    public func isPending(at now: Date) -> Bool { usedAt == nil && cancelledAt == nil && expiresAt > now }
}

/// An API key: `rst_<prefix>_<secret>`. The prefix is shown in lists; the secret once, at creation.
public struct APIKey: Codable, Sendable, Equatable, Identifiable {
    public enum Scope: String, Codable, Sendable, CaseIterable {
        case read
        case readWrite = "read-write"

        public init(name: String) throws {
            guard let scope = Scope(rawValue: name.lowercased()) else {
                throw RosterError.unknownValue(kind: "API key scope", value: name, allowed: Scope.allCases.map(\.rawValue))
            }
            self = scope
        }
    }

    public var id: Int64?
    public var userId: UserID
    public var name: String
    public var prefix: String
    public var secretHash: String
    public var scope: Scope
    public var createdAt: Date
    public var createdBy: String
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public func isUsable(at now: Date) -> Bool { revokedAt == nil && (expiresAt.map { $0 > now } ?? true) }
}

