import Foundation

/// An organization: a set of members with their own admins, limits and MFA policy.
public struct Org: Codable, Identifiable, Sendable, Equatable {
    public var id: OrgID
    public var name: String
    /// A locked org's members keep their accounts but the org can't be changed until unlocked.
    public var locked: Bool
    /// Members must enroll in MFA.
    public var mfaRequired: Bool
    /// Most standard accounts allowed; nil is unlimited.
    public var standardUserLimit: Int?
    /// Most API service accounts allowed; nil is unlimited.
    public var serviceUserLimit: Int?
    public var createdAt: Date
    public var version: Int
    /// Days between access reviews of its members (`roster reviews interval`).
    public var reviewIntervalDays = 90
    /// When the last review was submitted; nil: never reviewed.
    public var lastReviewedAt: Date?

    /// The limit for an account kind; read-only accounts are never limited.
    public func limit(for kind: AccountKind) -> Int? {
        switch kind {
        case .standard: standardUserLimit
        case .service: serviceUserLimit
        case .readOnly: nil
        }
    }
}

/// How many members of each kind an org has, against its limits.
public struct OrgHeadcount: Sendable, Equatable, Codable {
    public var standard: Int
    public var service: Int
    public var readOnly: Int

    public init(standard: Int = 0, service: Int = 0, readOnly: Int = 0) {
        self.standard = standard
        self.service = service
        self.readOnly = readOnly
    }

    public func count(of kind: AccountKind) -> Int {
        switch kind {
        case .standard: standard
        case .service: service
        case .readOnly: readOnly
        }
    }
}
