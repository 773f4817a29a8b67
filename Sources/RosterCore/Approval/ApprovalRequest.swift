import Foundation

/// The kinds of change a setting (`approval.required-for`) can put behind a second person.
public enum ApprovalKind: String, CaseIterable, Codable, Sendable {
    case deleteAdministrator = "delete-admin"
    case demoteAdministrator = "demote-admin"
    case settings
    case selfElevation = "self-elevation"
    case bulkOver100 = "bulk-over-100"

    /// All of them: the default.
    public static let standard = Set(allCases)

    public var title: String {
        switch self {
        case .deleteAdministrator: "deleting an administrator"
        case .demoteAdministrator: "demoting an administrator"
        case .settings: "changing a setting"
        case .selfElevation: "elevating oneself"
        case .bulkOver100: "a bulk action over 100 users"
        }
    }
}

/// The change a request carries out once approved, as the approver, through the same service
/// call a direct change makes.
public enum ApprovalAction: Codable, Sendable, Equatable {
    case deleteUser(UserID)
    case changeRole(UserID, SystemRole)
    case setSetting(key: String, value: String)
    case elevate(UserID, systemRole: SystemRole?, org: OrgID?, seconds: TimeInterval, reason: String)
    case bulk(action: String, users: [UserID])

    public var kind: ApprovalKind {
        switch self {
        case .deleteUser: .deleteAdministrator
        case .changeRole: .demoteAdministrator
        case .setSetting: .settings
        case .elevate: .selfElevation
        case .bulk: .bulkOver100
        }
    }

    /// The user it is about, when one.
    public var target: UserID? {
        switch self {
        case .deleteUser(let id), .changeRole(let id, _), .elevate(let id, _, _, _, _): id
        case .setSetting, .bulk: nil
        }
    }
}

/// A change waiting for a second person: who asked, what, why, until when.
public struct ApprovalRequest: Codable, Sendable, Equatable, Identifiable {
    public enum State: String, Codable, Sendable {
        case pending, approved, rejected
    }

    public var id: ApprovalID?
    /// What it carries out, as JSON (`ApprovalAction`).
    public var action: String
    public var kind: String
    /// The change in words, as the requester was told it.
    public var summary: String
    public var requesterId: UserID?
    public var requestedBy: String
    public var createdAt: Date
    public var expiresAt: Date
    public var state: State
    public var decidedBy: String?
    public var decidedAt: Date?
    /// What the approval did, or why it was rejected.
    public var outcome: String?

    public var decodedAction: ApprovalAction? {
        try? JSONDecoder().decode(ApprovalAction.self, from: Data(action.utf8))
    }

    /// Pending, not yet expired, at `now`.
    public func isOpen(at now: Date) -> Bool { state == .pending && now < expiresAt }

    /// "pending", "approved", "rejected" or "expired" at `now`.
    public func status(at now: Date) -> String {
        state == .pending && now >= expiresAt ? "expired" : state.rawValue
    }
}
