import Foundation

/// An action taken on every user of a selection (console bulk actions, `roster users bulk`).
public enum BulkAction: String, CaseIterable, Sendable {
    case deactivate, lock, unlock
    case resetMFA = "reset-mfa"
    case endSessions = "end-sessions"
    case requirePasswordChange = "require-password-change"

    /// "Lock 12 users", as a confirmation says it.
    public var verb: String {
        switch self {
        case .deactivate: "Deactivate"
        case .lock: "Lock"
        case .unlock: "Unlock"
        case .resetMFA: "Reset MFA of"
        case .endSessions: "End the sessions of"
        case .requirePasswordChange: "Require a password change of"
        }
    }
}

/// What a bulk action did, user by user. Nothing is silent: every user is in one list.
public struct BulkReport: Sendable, Equatable {
    public struct Skipped: Sendable, Equatable {
        public var email: String
        public var reason: String
    }

    /// How many users the selection held when the action started.
    public var selected = 0
    public var done: [String] = []
    /// Already as asked (already locked, no sessions to end…).
    public var unchanged: [Skipped] = []
    /// Refused by policy, or changed or deleted meanwhile.
    public var refused: [Skipped] = []
    /// Stopped before the end (cancelled); the rest were not touched.
    public var cancelled = false
}

extension Roster {
    /// Takes `action` on every user `actor` can see in `selection`: the users are read first
    /// (ids only, from one snapshot), then each is acted on through the same service call as
    /// a single action: its own transaction, policy check and audit row. A refusal or a user
    /// changed meanwhile is listed, never fatal. `progress(done, total)` runs after each user;
    /// returning false stops before the next one.
    /// `confirm(count)` runs once the users are counted, before anything changes; it throws to stop.
    public func bulk(_ action: BulkAction, on selection: UserSelection, by actor: Actor, confirm: (Int) throws -> Void = { _ in },
                     progress: (Int, Int) -> Bool = { _, _ in true }) throws -> BulkReport {
        var targets: [(UserID, String)] = []
        try users.export(selection, sort: UserSort(.id), by: actor) { page in
            targets += page.map { ($0.row.id, $0.row.email.value) }
        }
        try confirm(targets.count)
        var report = BulkReport(selected: targets.count)
        for (index, (id, email)) in targets.enumerated() {
            do {
                switch action {
                case .deactivate: _ = try users.deactivate(id, by: actor)
                case .lock: _ = try users.lock(id, by: actor)
                case .unlock: _ = try users.unlock(id, by: actor)
                case .resetMFA: _ = try mfa.reset(id, by: actor)
                case .endSessions:
                    if try auth.endAllSessions(of: id, by: actor) == 0 { throw RosterError.unchanged("no open sessions.") }
                case .requirePasswordChange: _ = try users.requirePasswordChange(id, by: actor)
                }
                report.done.append(email)
            } catch RosterError.unchanged(let why) {
                report.unchanged.append(.init(email: email, reason: why))
            } catch let denial as Denial {
                report.refused.append(.init(email: email, reason: denial.message))
            } catch RosterError.userNotFound, RosterError.changedBySomeoneElse {
                report.refused.append(.init(email: email, reason: "deleted or changed by someone else meanwhile"))
            }
            if !progress(index + 1, targets.count), index + 1 < targets.count {
                report.cancelled = true
                break
            }
        }
        return report
    }
}
