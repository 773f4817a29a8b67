import Foundation

extension Policy {
    /// Who reads the requests waiting for a second person: each requester their own, and those
    /// who could decide it (`deciderRole`; their summaries name system roles and settings, which
    /// only operations admins and up may read, bulk actions aside).
    public static func maySeeRequest(_ request: ApprovalRequest, by actor: Actor) -> Bool {
        if actor.userId == nil || (actor.userId == request.requesterId) { return true }
        return actor.systemRole >= deciderRole(request)
    }

    /// The least system role that may approve or reject a request of this kind: what making the
    /// change itself needs (settings and administrators: administrators; lending a role:
    /// operations admins; bulk actions: accounts admins).
    public static func deciderRole(_ request: ApprovalRequest) -> SystemRole {
        switch ApprovalKind(rawValue: request.kind) {
        case .bulkOver100?: .accountsAdmin
        case .selfElevation?: .operationsAdmin
        default: .administrator
        }
    }

    /// Who reads an org's access reviews: its admins, and those who read every org's audit
    /// trail (operations admins and administrators).
    public static func maySeeReviews(of org: OrgID, by actor: Actor) -> Bool {
        actor.userId == nil || actor.systemRole >= .operationsAdmin || actor.isOrgAdmin(of: org)
    }

    /// Whether the title bar counts the requests for this actor: they could decide most
    /// (operations admins and up; an accounts admin sees the bulk ones on the screen).
    public static func approvesRequests(_ actor: Actor) -> Bool {
        !actor.isReadOnly && actor.systemRole >= .operationsAdmin
    }

    /// May `actor` approve `request` at `now`? Never their own, never through an API key,
    /// only while it waits and hasn't expired, and only after proving it's them lately. Whether
    /// they may make the change itself is asked again by carrying it out as them.
    public static func checkApproval(_ request: ApprovalRequest, by actor: Actor, at now: Date, reauthenticateMinutes minutes: Int) -> Denial? {
        if let denial = checkSettlement(request, by: actor, at: now) { return denial }
        if actor.userId != nil, actor.userId == request.requesterId { return .ownRequest }
        return checkDecider(request, by: actor, at: now, reauthenticateMinutes: minutes)
    }

    /// May `actor` reject `request`? Its requester may withdraw it; anyone else decides it as an
    /// approver would (the role, recent authentication), never about their own account: an
    /// administrator can't veto their own removal.
    public static func checkRejection(_ request: ApprovalRequest, by actor: Actor, at now: Date, reauthenticateMinutes minutes: Int) -> Denial? {
        if let denial = checkSettlement(request, by: actor, at: now) { return denial }
        if actor.userId != nil, actor.userId == request.requesterId { return nil }
        return checkDecider(request, by: actor, at: now, reauthenticateMinutes: minutes)
    }

    private static func checkDecider(_ request: ApprovalRequest, by actor: Actor, at now: Date, reauthenticateMinutes minutes: Int) -> Denial? {
        if actor.userId != nil, actor.userId == request.decodedAction?.target { return .requestAboutYou }
        if actor.systemRole < deciderRole(request) { return .administratorsOnly("decide this request") }
        return checkRecentAuthentication(actor, at: now, withinMinutes: minutes)
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
