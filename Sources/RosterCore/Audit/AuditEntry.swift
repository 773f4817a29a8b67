import Foundation

/// How an attempt ended.
public enum AuditOutcome: String, Codable, Sendable, CaseIterable {
    case success
    case denied
    case failed
}

/// One row of the audit trail: who did what to whom, when, from where, and how it ended.
/// Rows are hash-chained; see `AuditChain`.
public struct AuditEntry: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64
    public var at: Date
    public var actorId: UserID?
    public var actor: String
    public var actorIP: String?
    public var action: String
    public var targetId: UserID?
    public var target: String?
    public var orgId: OrgID?
    public var org: String?
    public var outcome: AuditOutcome
    /// JSON object with sorted keys.
    public var details: String
    public var previousHash: String
    public var hash: String
    /// Which chain the row is in (`AuditChain.currentVersion` for new rows).
    public var chain: Int
}

/// What a service wants recorded; the audit store adds time, actor, chain and id.
public struct AuditEvent: Sendable, Equatable {
    public var action: String
    public var targetId: UserID?
    public var target: String?
    public var orgId: OrgID?
    public var org: String?
    public var outcome: AuditOutcome
    public var details: [String: String]

    public init(action: String, targetId: UserID? = nil, target: String? = nil, orgId: OrgID? = nil, org: String? = nil,
                outcome: AuditOutcome = .success, details: [String: String] = [:]) {
        self.action = action
        self.targetId = targetId
        self.target = target
        self.orgId = orgId
        self.org = org
        self.outcome = outcome
        self.details = details
    }

    /// An event about a user.
    public static func user(_ action: String, _ user: User, org: Org? = nil, outcome: AuditOutcome = .success,
                            details: [String: String] = [:]) -> AuditEvent {
        AuditEvent(action: action, targetId: user.id, target: user.email.value, orgId: org?.id, org: org?.name,
                   outcome: outcome, details: details)
    }

    /// A failed authentication (sign-in, reset link, API key): who it was for, when known
    /// (`target` names what was typed otherwise), and why, for the trail only; the person is
    /// told the same generic thing whatever the reason.
    public static func failedAuthentication(_ action: String, reason: String, user: User?, target: String? = nil,
                                            details: [String: String] = [:]) -> AuditEvent {
        var all = details
        all["reason"] = reason
        return AuditEvent(action: action, targetId: user?.id, target: user?.email.value ?? target, outcome: .failed, details: all)
    }

    /// A denied attempt, with the denial's code and message in the details.
    public static func denied(_ action: String, _ user: User?, org: Org? = nil, _ denial: Denial,
                              details: [String: String] = [:]) -> AuditEvent {
        var details = details
        details["reason"] = denial.code
        details["message"] = denial.message
        return AuditEvent(action: action, targetId: user?.id, target: user?.email.value, orgId: org?.id, org: org?.name,
                          outcome: .denied, details: details)
    }
}
