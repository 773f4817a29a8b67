import Foundation

/// A check of who should still be in an org: every member as they were when it started, a
/// decision for each, and the changes made together when it is submitted. Kept afterwards.
public struct AccessReview: Codable, Sendable, Equatable, Identifiable {
    public var id: ReviewID?
    public var orgId: OrgID
    public var orgName: String
    public var startedBy: String
    public var startedAt: Date
    public var submittedBy: String?
    public var submittedAt: Date?

    public var isOpen: Bool { submittedAt == nil }
}

/// What a reviewer decides for one member.
public enum ReviewDecision: Sendable, Equatable, Hashable {
    case keep
    case remove
    /// Keep them, with another org role.
    case role(OrgRole)

    /// "keep", "remove", or the org role's name ("member", "org-admin", "read-only").
    public var name: String {
        switch self {
        case .keep: "keep"
        case .remove: "remove"
        case .role(let role): role.name
        }
    }

    public init(name: String) throws {
        switch name.lowercased() {
        case "keep": self = .keep
        case "remove": self = .remove
        default:
            guard let role = try? OrgRole(name: name) else {
                throw RosterError.unknownValue(kind: "decision", value: name, allowed: ["keep", "remove"] + OrgRole.allCases.map(\.name))
            }
            self = .role(role)
        }
    }
}

/// One member in a review: as they were at its start, and the decision taken.
public struct ReviewItem: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var reviewId: ReviewID
    /// Nil once the account is deleted; the email stays.
    public var userId: UserID?
    public var email: String
    public var name: String
    public var orgRole: OrgRole
    /// Nil for reviewers who may not see system roles.
    public var systemRole: SystemRole?
    public var lastSignInAt: Date?
    public var mfaEnabled: Bool
    public var apiKeys: Int
    public var sshKeys: Int
    /// The member's groups in the org, comma-separated.
    public var groupNames: String
    /// "keep", "remove" or an org role's name; nil until decided.
    public var decision: String?
    public var decidedBy: String?
    public var decidedAt: Date?

    public var decided: ReviewDecision? { decision.flatMap { try? ReviewDecision(name: $0) } }
}

/// A review with its members, as `reviews show` and the review screen read it.
public struct ReviewSheet: Sendable, Equatable {
    public var review: AccessReview
    public var items: [ReviewItem]

    /// Members still without a decision.
    public var undecided: Int { items.filter { $0.decision == nil }.count }
}

/// When an org's next review is due: its interval after the last one (or its creation).
public enum ReviewDue: Sendable, Equatable {
    case due(Date)
    case overdue(days: Int)

    public static func of(_ org: Org, at now: Date) -> ReviewDue {
        let due = (org.lastReviewedAt ?? org.createdAt).addingTimeInterval(TimeInterval(org.reviewIntervalDays) * 86_400)
        return due > now ? .due(due) : .overdue(days: Int(now.timeIntervalSince(due) / 86_400))
    }
}
