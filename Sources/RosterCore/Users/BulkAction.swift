import Foundation

/// An action taken on every user of a selection (console bulk actions, `roster users bulk`).
public enum BulkAction: String, CaseIterable, Sendable {
    case deactivate, reactivate, lock, unlock
    case resetMFA = "reset-mfa"
    case endSessions = "end-sessions"
    case requirePasswordChange = "require-password-change"

    /// "Lock 12 users", as a confirmation says it.
    public var verb: String {
        switch self {
        case .deactivate: "Deactivate"
        case .reactivate: "Reactivate"
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
    /// Failed for another reason (the database, the disk): not changed; the others went on.
    public var failed: [Skipped] = []
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
        var cursor: UserCursor?
        while true {
            let page = try users.select(selection, sort: UserSort(.id), after: cursor, limit: 1000, by: actor)
            targets += page.users.map { ($0.row.id, $0.row.email.value) }
            guard page.hasMore, let last = page.users.last else { break }
            cursor = UserCursor(row: last.row, column: .id)
        }
        try confirm(targets.count)
        var report = BulkReport(selected: targets.count)
        for (index, (id, email)) in targets.enumerated() {
            do {
                switch action {
                case .deactivate: _ = try users.deactivate(id, by: actor)
                case .reactivate: _ = try users.reactivate(id, by: actor)
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
            } catch let error as HumanReadableError {
                report.failed.append(.init(email: email, reason: error.message))
            } catch {
                report.failed.append(.init(email: email, reason: "\(error)"))
            }
            if !progress(index + 1, targets.count), index + 1 < targets.count {
                report.cancelled = true
                break
            }
        }
        return report
    }
}

extension Roster {
    /// One user's change, as a console dialog confirms it: the same service call as the CLI's,
    /// refused (`changedBySomeoneElse`) when the user is no longer at `expectedVersion`.
    /// Returns what happened, in a sentence.
    public func change(_ action: BulkAction, user id: UserID, expectedVersion: Int?, by actor: Actor) throws -> String {
        switch action {
        case .deactivate:
            let done = try users.deactivate(id, expectedVersion: expectedVersion, by: actor)
            return "Deactivated \(done.user.email): \(done.sessionsEnded) session(s) ended, \(done.apiKeysRevoked) API key(s) revoked."
        case .reactivate:
            return "Reactivated \(try users.reactivate(id, expectedVersion: expectedVersion, by: actor).email)."
        case .lock:
            return "Locked \(try users.lock(id, expectedVersion: expectedVersion, by: actor).email); their sessions ended."
        case .unlock:
            return "Unlocked \(try users.unlock(id, expectedVersion: expectedVersion, by: actor).email)."
        case .requirePasswordChange:
            let user = try users.requirePasswordChange(id, expectedVersion: expectedVersion, by: actor)
            return "\(user.email) must choose a new password at next sign-in."
        case .endSessions:
            // Sessions are not part of the account record: ending them is right whatever changed meanwhile.
            return "Ended \(try auth.endAllSessions(of: id, by: actor)) session(s)."
        case .resetMFA:
            let user = try mfa.reset(id, expectedVersion: expectedVersion, by: actor)
            return "MFA reset for \(user.email)" + (user.mfaEnrollmentRequired ? "; they must enroll again." : ".")
        }
    }
}
