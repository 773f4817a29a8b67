import Foundation

/// Which audit rows to read, newest first: every condition set must hold.
public struct AuditQuery: Sendable, Equatable {
    /// Rows by or about this user.
    public var involving: UserID?
    /// Rows by this account, or by this actor label (`system:backup (uid 0)`) when no account.
    public var actor: AuditParty?
    /// Rows about this user (by id, or by the email stored in the row for deleted users).
    public var target: AuditParty?
    /// An exact action (`user.create`), or every action under a prefix ending in `.` or `*` (`user.*`).
    public var action: String?
    public var outcome: AuditOutcome?
    public var org: OrgID?
    public var since: Date?
    public var until: Date?
    /// Keyset: only rows older than this id (the last id of the previous page).
    public var before: Int64?
    public var limit: Int

    public init(involving: UserID? = nil, actor: AuditParty? = nil, target: AuditParty? = nil, action: String? = nil,
                outcome: AuditOutcome? = nil, org: OrgID? = nil, since: Date? = nil, until: Date? = nil, before: Int64? = nil,
                limit: Int = 50) {
        self.involving = involving
        self.actor = actor
        self.target = target
        self.action = action
        self.outcome = outcome
        self.org = org
        self.since = since
        self.until = until
        self.before = before
        self.limit = max(1, min(limit, 10_000))
    }
}

/// Who an audit row names as actor or target: an account, or the text the row holds.
public enum AuditParty: Sendable, Equatable {
    case user(UserID, label: String)
    case label(String)
}
