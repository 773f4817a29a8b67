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
    /// Stopped because the operator could no longer act (confirmation lapsed, account
    /// unavailable, a step due): why; the rest were not touched.
    public var stopped: String?
}

/// Whom a bulk action takes: everyone matching a selection (less some), or users picked one by one.
public enum BulkTargets: Sendable, Equatable {
    /// Every user the actor can see that matches, except these (unmarked after "mark all").
    case matching(UserSelection, except: Set<UserID> = [])
    /// These users (marked one by one); any the actor can no longer see is listed as refused.
    case users([UserID])
}

extension Roster {
    /// Takes `action` on every user `actor` can see in `selection`. See `bulk(_:on:by:refreshActor:confirm:progress:)`.
    public func bulk(_ action: BulkAction, on selection: UserSelection, by actor: Actor, confirm: (Int) throws -> Void = { _ in },
                     progress: (Int, Int) -> Bool = { _, _ in true }) throws -> BulkReport {
        try bulk(action, on: .matching(selection), by: actor, confirm: confirm, progress: progress)
    }

    /// Takes `action` on every target: the users are read first (ids only, from one snapshot),
    /// then each is acted on through the same service call as a single action: its own
    /// transaction, policy check and audit row. A refusal or a user changed meanwhile is
    /// listed, never fatal. `confirm(count)` runs once the users are counted, before anything
    /// changes; it throws to stop. `progress(done, total)` runs after each user; returning
    /// false stops before the next one. `refreshActor`, when given, reads the actor again every
    /// `batch` users, so an operator deactivated or demoted mid-run stops acting at once.
    public func bulk(_ action: BulkAction, on targets: BulkTargets, by actor: Actor, refreshActor: (() throws -> Actor)? = nil,
                     batch: Int = 100, confirm: (Int) throws -> Void = { _ in },
                     progress: (Int, Int) -> Bool = { _, _ in true }) throws -> BulkReport {
        var actor = actor
        let chosen = try bulkTargets(targets, by: actor)
        try confirm(chosen.count)
        if chosen.count > Self.bulkApprovalThreshold { try fileBulkRequest(action, chosen.compactMap(\.id), by: actor) }
        var report = BulkReport(selected: chosen.count)
        for (index, target) in chosen.enumerated() {
            if index > 0, index % max(1, batch) == 0, let refreshActor { actor = try refreshActor() }
            guard let id = target.id else {
                report.refused.append(.init(email: target.email, reason: "deleted, or no longer yours to see"))
                continue
            }
            let email = target.email
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
            } catch let denial as Denial where denial.stopsTheOperator {
                // Nothing after this would be allowed either: stop rather than refuse (and audit) each one.
                report.stopped = denial.message
                break
            } catch let denial as Denial {
                report.refused.append(.init(email: email, reason: denial.message))
            } catch RosterError.userNotFound, RosterError.changedBySomeoneElse {
                report.refused.append(.init(email: email, reason: "deleted or changed by someone else meanwhile"))
            } catch let error as HumanReadableError {
                report.failed.append(.init(email: email, reason: error.message))
            } catch {
                report.failed.append(.init(email: email, reason: "\(error)"))
            }
            if !progress(index + 1, chosen.count), index + 1 < chosen.count {
                report.cancelled = true
                break
            }
        }
        return report
    }

    /// Bulk actions over this many users may need a second person (`bulk-over-100`).
    static let bulkApprovalThreshold = 100

    /// Files the bulk action as a request when the two-person rule covers it (then throws the
    /// answer, `awaitingApproval`); returns when it may go ahead.
    private func fileBulkRequest(_ action: BulkAction, _ ids: [UserID], by actor: Actor) throws {
        guard actor.approving == nil, actor.userId != nil else { return }
        try stores.writeAudited { tx -> Result<Void, Denial> in
            let now = environment.now()
            let refreshed = try UserService.current(actor, in: tx, attempting: "user.bulk", at: now)
            guard case .success(let fresh) = refreshed else { return .failure(refreshed.denial) }
            let summary = "\(action.verb) \(ids.count) users"
            if let waiting = try ApprovalGate.file(.bulk(action: action.rawValue, users: ids), summary: summary, by: fresh, in: tx, at: now) {
                return .failure(waiting)
            }
            return .success(())
        }
    }

    /// The targets as (id, email), read as `actor`; a picked id the actor can't see has no id
    /// and stands for itself ("user 42") so the report still lists it.
    private func bulkTargets(_ targets: BulkTargets, by actor: Actor) throws -> [(id: UserID?, email: String)] {
        switch targets {
        case .matching(let selection, let except):
            var found: [(id: UserID?, email: String)] = []
            var cursor: UserCursor?
            while true {
                let page = try users.select(selection, sort: UserSort(.id), after: cursor, limit: 1000, by: actor)
                found += page.users.filter { !except.contains($0.row.id) }.map { ($0.row.id, $0.row.email.value) }
                guard page.hasMore, let last = page.users.last else { break }
                cursor = UserCursor(row: last.row, column: .id)
            }
            return found
        case .users(let ids):
            var rows: [UserID: String] = [:]
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(ids.count, start + 500)])
                for row in try users.rows(chunk, sort: UserSort(.id), by: actor) { rows[row.id] = row.email.value }
            }
            return ids.map { id in rows[id].map { (id, $0) } ?? (nil, "user \(id.rawValue)") }
        }
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

extension BulkTargets {
    /// The same users as a selection, for reading them (an export of the console's marks).
    public var selection: UserSelection {
        switch self {
        case .matching(var selection, let except):
            selection.excluding = except.sorted { $0.rawValue < $1.rawValue }
            return selection
        case .users(let ids):
            var selection = UserSelection()
            selection.ids = ids
            return selection
        }
    }
}
