import Foundation

/// Requests waiting for a second person: listed, approved (the change carried out as the
/// approver, in the same transaction that settles the request) or rejected.
public struct ApprovalService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// The requests `actor` may see, newest first; with `openOnly`, those still waiting.
    public func list(openOnly: Bool = false, limit: Int = 500, by actor: Actor) throws -> [ApprovalRequest] {
        let now = environment.now()
        return try stores.authorizedRead("approval.list", by: actor, at: now) { tx, actor in
            .success(try tx.approvals.list(openAt: openOnly ? now : nil, limit: limit).filter { Policy.maySeeRequest($0, by: actor) })
        }
    }

    /// One request, if `actor` may see it.
    public func show(_ id: ApprovalID, by actor: Actor) throws -> ApprovalRequest {
        try stores.authorizedRead("approval.show", by: actor, at: environment.now()) { tx, actor in
            guard let request = try tx.approvals.find(id), Policy.maySeeRequest(request, by: actor) else {
                return .failure(RefusedRead("approval.show", nil, .hidden(Self.notFound(id))))
            }
            return .success(request)
        }
    }

    /// How many requests wait for `actor` to approve: none for those who approve nothing.
    public func waitingCount(for actor: Actor) throws -> Int {
        guard Policy.approvesRequests(actor) else { return 0 }
        let now = environment.now()
        return try stores.read { tx in try tx.approvals.countOpen(at: now, notRequestedBy: actor.userId) }
    }

    /// Approves `id` and carries out its change as `actor`, checked by Policy as them now, in
    /// one transaction: the change and the settled request both happen, or neither. Two
    /// approvers at once: the second finds it settled.
    public func approve(_ id: ApprovalID, by actor: Actor) throws -> ApprovalRequest {
        do {
            return try approveOnce(id, by: actor)
        } catch let refused as CarryOutRefused {
            // What the change did before it was refused is rolled back; the refusal is recorded.
            let now = environment.now()
            try stores.write { tx in
                let event = AuditEvent.denied("approval.approve", nil, refused.denial, details: ["request": String(id.rawValue)])
                _ = try tx.audit.append(event, by: actor, at: now)
            }
            throw refused.denial.answer
        }
    }

    /// A refusal met while carrying out an approved change, thrown to roll it all back.
    private struct CarryOutRefused: Error {
        var denial: Denial
    }

    private func approveOnce(_ id: ApprovalID, by actor: Actor) throws -> ApprovalRequest {
        try settle(id, action: "approval.approve", by: actor) { tx, fresh, request, now in
            let minutes = try UserService.reauthenticateMinutes(for: fresh, in: tx)
            if let denial = Policy.checkApproval(request, by: fresh, at: now, reauthenticateMinutes: minutes) { return .failure(denial) }
            guard let change = request.decodedAction else { throw Self.unreadable(id) }
            var approver = actor
            approver.approving = id
            let outcome: String
            do {
                outcome = try Self.carryOut(change, with: Roster(stores: JoinedStores(tx: tx), environment: environment), by: approver)
            } catch let denial as Denial {
                throw CarryOutRefused(denial: denial)
            } catch let error as RosterError where error.isNotFound {
                throw CarryOutRefused(denial: .hidden(error))
            }
            return .success((.approved, outcome))
        }
    }

    /// Rejects `id` (or withdraws it, for its requester), saying why.
    public func reject(_ id: ApprovalID, reason: String, by actor: Actor) throws -> ApprovalRequest {
        let reason = try ElevationService.reason(reason)
        return try settle(id, action: "approval.reject", by: actor) { tx, fresh, request, now in
            let minutes = try UserService.reauthenticateMinutes(for: fresh, in: tx)
            if let denial = Policy.checkRejection(request, by: fresh, at: now, reauthenticateMinutes: minutes) { return .failure(denial) }
            return .success((.rejected, reason))
        }
    }

    private typealias Decide = (StoreTransaction, Actor, ApprovalRequest, Date) throws -> Result<(ApprovalRequest.State, String), Denial>

    /// One transaction: the actor re-read, the request found as they may see it, `decide`
    /// asked, the request settled and audited (a refusal audited too, and kept).
    private func settle(_ id: ApprovalID, action: String, by actor: Actor, decide: Decide) throws -> ApprovalRequest {
        try stores.writeAudited { tx in
            let now = environment.now()
            let refreshed = try UserService.current(actor, in: tx, attempting: action, at: now)
            guard case .success(let fresh) = refreshed else { return .failure(refreshed.denial) }
            // One the actor may not see is refused by `decide` as not found, and the attempt audited.
            guard var request = try tx.approvals.find(id) else { throw Self.notFound(id) }
            var details = ["request": String(id.rawValue), "kind": request.kind, "summary": request.summary, "requestedBy": request.requestedBy]
            switch try decide(tx, fresh, request, now) {
            case .failure(let denial):
                // Asking about a request one may not see tells nothing of it, in the trail either.
                var event = AuditEvent.denied(action, nil, denial, details: details)
                event.targetId = request.decodedAction?.target
                if case .hidden = denial {
                    event.details = ["request": String(id.rawValue), "reason": denial.code]
                    event.targetId = nil
                }
                _ = try tx.audit.append(event, by: actor, at: now)
                return .failure(denial)
            case .success(let (state, outcome)):
                guard try tx.approvals.decide(id, state: state, by: actor.label, at: now, outcome: outcome) else {
                    throw Denial.requestSettled("settled")
                }
                details["outcome"] = outcome
                _ = try tx.audit.append(AuditEvent(action: action, targetId: request.decodedAction?.target, details: details), by: actor, at: now)
                request.state = state
                request.decidedBy = actor.label
                request.decidedAt = now
                request.outcome = outcome
                return .success(request)
            }
        }
    }

    /// Makes the change through the same service call a direct change makes, as `approver`.
    static func carryOut(_ change: ApprovalAction, with roster: Roster, by approver: Actor) throws -> String {
        switch change {
        case .deleteUser(let id):
            let user = try roster.users.delete(id, by: approver)
            return "Deleted \(user.email)."
        case .changeRole(let id, let role):
            let user = try roster.users.changeRole(id, to: role, by: approver)
            return "\(user.email) is now \(user.systemRole.title)."
        case .setSetting(let key, let value):
            let settingKey = try SettingKey(name: key)
            let settings = try roster.settings.set(settingKey, to: value, by: approver)
            return "\(key) is now \(settingKey.value(in: settings))."
        case .elevate(let id, let systemRole, let org, let seconds, let reason):
            let role: ElevatedRole = if let org { .orgAdmin(org) } else { .system(systemRole ?? .standard) }
            let elevation = try roster.elevations.elevate(id, to: role, for: seconds, reason: reason, by: approver)
            return "Elevated until \(ZoneRules.internetTime(elevation.endsAt))."
        case .bulk(let name, let users):
            guard let action = BulkAction(rawValue: name) else { throw unreadable(nil) }
            let report = try roster.bulk(action, on: .users(users), by: approver)
            if let stopped = report.stopped { throw RosterError.unchanged(stopped) }
            return "\(action.verb) \(report.done.count) users; \(report.unchanged.count) unchanged, \(report.refused.count) refused."
        }
    }

    static func notFound(_ id: ApprovalID) -> RosterError {
        .notFound(kind: "request", reference: String(id.rawValue), hint: "List them with `roster approvals list`.")
    }
    // Policy answers a hidden request with the same words (`checkSettlement`).

    static func unreadable(_ id: ApprovalID?) -> RosterError {
        .notFound(kind: "request", reference: id.map { String($0.rawValue) } ?? "", hint: "Its change can't be read by this version of Roster.")
    }
}

extension RosterError {
    /// Not found: how a hidden thing is answered too.
    var isNotFound: Bool {
        switch self {
        case .userNotFound, .orgNotFound, .groupNotFound, .sessionNotFound, .notFound: true
        default: false
        }
    }
}
