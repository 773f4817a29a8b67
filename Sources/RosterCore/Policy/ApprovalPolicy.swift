import Foundation

extension Policy {
    /// Who reads the requests waiting for a second person: those who administer accounts (the
    /// people who could approve one), and each requester their own.
    public static func maySeeRequest(_ request: ApprovalRequest, by actor: Actor) -> Bool {
        actor.userId == nil || actor.systemRole.administersAccounts || (actor.userId != nil && actor.userId == request.requesterId)
    }

    /// Who reads an org's access reviews: its admins, and those who read every org's audit
    /// trail (operations admins and administrators).
    public static func maySeeReviews(of org: OrgID, by actor: Actor) -> Bool {
        actor.userId == nil || actor.systemRole >= .operationsAdmin || actor.isOrgAdmin(of: org)
    }

    /// Whether the title bar counts the requests for this actor: they could approve some.
    public static func approvesRequests(_ actor: Actor) -> Bool {
        !actor.isReadOnly && actor.systemRole.administersAccounts
    }

    /// May `actor` approve `request` at `now`? Never their own, never through an API key,
    /// only while it waits and hasn't expired, and only after proving it's them lately. Whether
    /// they may make the change itself is asked again by carrying it out as them.
    public static func checkApproval(_ request: ApprovalRequest, by actor: Actor, at now: Date, reauthenticateMinutes minutes: Int) -> Denial? {
        if let denial = checkSettlement(request, by: actor, at: now) { return denial }
        if actor.userId != nil, actor.userId == request.requesterId { return .ownRequest }
        return checkRecentAuthentication(actor, at: now, withinMinutes: minutes)
    }

    /// May `actor` reject `request`? Whoever may see it, the requester included (withdrawing it).
    public static func checkRejection(_ request: ApprovalRequest, by actor: Actor, at now: Date) -> Denial? {
        checkSettlement(request, by: actor, at: now)
    }

    /// Whether a request may self-elevate: only when the setting puts self-elevation behind a
    /// second person, for a role above one's own (or org admin of an org one is a member of,
    /// not its admin yet), no longer than allowed, never through an API key.
    public static func checkSelfElevationRequest(_ role: ElevatedRole, _ facts: ElevationFacts, by actor: Actor,
                                                 approvalAllowed: Bool) -> Denial? {
        if actor.isReadOnly { return .readOnlyActor }
        if actor.viaAPIKey { return .apiKeyCannotGrantPower }
        guard approvalAllowed else { return .selfChange(.elevate) }
        switch role {
        case .system(let systemRole):
            if actor.systemRole >= systemRole { return .alreadyHolds(systemRole.title) }
        case .orgAdmin:
            guard let org = facts.org else { return .hidden(.orgNotFound("")) }
            guard let orgRole = facts.orgRole else { return .notOrgMember(org: org.name) }
            if orgRole == .orgAdmin { return .alreadyHolds("org admin of \(org.name)") }
        }
        if facts.duration > TimeInterval(facts.maxHours) * 3600 { return .elevationTooLong(maxHours: facts.maxHours) }
        return nil
    }

    private static func checkSettlement(_ request: ApprovalRequest, by actor: Actor, at now: Date) -> Denial? {
        guard maySeeRequest(request, by: actor) else {
            return .hidden(.notFound(kind: "request", reference: request.id.map { String($0.rawValue) } ?? "",
                                     hint: "List them with `roster approvals list`."))
        }
        if actor.isReadOnly { return .readOnlyActor }
        if actor.viaAPIKey { return .apiKeyCannotApprove }
        if request.state != .pending { return .requestSettled(request.state.rawValue) }
        if now >= request.expiresAt { return .requestSettled("expired") }
        return nil
    }
}
