import Foundation

/// Access reviews: an org admin (or an administrator, for any org) lists every member as they
/// are, decides keep, remove or another org role for each, and submits: every change is then
/// made at once, through the same service calls as one by one, in one transaction.
public struct ReviewService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// Starts a review of `org`: its members as they are now. One open review per org.
    public func start(_ org: OrgID, by actor: Actor) throws -> ReviewSheet {
        try inOrg(org, action: "review.start", by: actor) { tx, actor, org, now in
            if let open = try tx.reviews.open(in: org.id) { throw ReviewProblem.alreadyOpen(open.id?.rawValue ?? 0, org: org.name) }
            let groups = try tx.groups.all(in: org.id)
            let groupMembers = try groups.map { (name: $0.name, members: Set(try tx.groups.members(of: $0.id))) }
            let showsRole = Policy.maySeeSystemRole(actor)
            var items: [ReviewItem] = []
            for member in try tx.orgs.members(of: org.id) {
                let user = try tx.users.find(member.userId)
                items.append(ReviewItem(
                    id: nil, reviewId: ReviewID(rawValue: 0), userId: member.userId, email: member.email.value, name: member.name,
                    orgRole: member.role, systemRole: showsRole ? user?.systemRole : nil, lastSignInAt: user?.lastSignInAt,
                    mfaEnabled: user?.mfaEnabled ?? false,
                    apiKeys: try tx.credentials.apiKeys(for: member.userId).filter { $0.revokedAt == nil }.count,
                    sshKeys: try tx.credentials.sshKeys(for: member.userId).count,
                    groupNames: groupMembers.filter { $0.members.contains(member.userId) }.map(\.name).joined(separator: ", ")))
            }
            let sheet = try tx.reviews.insert(AccessReview(id: nil, orgId: org.id, orgName: org.name, startedBy: actor.label, startedAt: now),
                                              items: items)
            let details = ["review": String(sheet.review.id?.rawValue ?? 0), "members": String(items.count)]
            _ = try tx.audit.append(AuditEvent(action: "review.start", orgId: org.id, org: org.name, details: details), by: actor, at: now)
            return .success(sheet)
        }
    }

    /// The org's open review, or a new one when none is open (what the console's `v` opens).
    public func openOrStart(_ org: OrgID, by actor: Actor) throws -> ReviewSheet {
        let open = try stores.authorizedRead("review.show", by: actor, at: environment.now()) { tx, actor -> Result<AccessReview?, RefusedRead> in
            guard Policy.maySeeReviews(of: org, by: actor) else { return .success(nil) }
            return .success(try tx.reviews.open(in: org))
        }
        if let id = open?.id { return try show(id, by: actor) }
        return try start(org, by: actor)
    }

    /// Records what to do with one member; nothing changes until the review is submitted.
    public func decide(_ id: ReviewID, user: UserID, _ decision: ReviewDecision, by actor: Actor) throws -> ReviewItem {
        let review = try openReview(id)
        return try inOrg(review.orgId, action: "review.decide", by: actor) { tx, actor, _, now in
            guard try tx.reviews.find(id)?.isOpen == true else { throw ReviewProblem.submitted(id.rawValue) }
            guard var item = try tx.reviews.items(of: id).first(where: { $0.userId == user }) else {
                throw RosterError.notFound(kind: "member of review", reference: String(user.rawValue), hint: "See them with `roster reviews show \(id.rawValue)`.")
            }
            item.decision = decision.name
            item.decidedBy = actor.label
            item.decidedAt = now
            try tx.reviews.updateItem(item)
            return .success(item)
        }
    }

    /// Applies every decision in one transaction (one audit row per change, one for the
    /// review); refused, with nothing applied, while a member is undecided or when a member
    /// left or changed role since the start. A refusal is audited.
    public func submit(_ id: ReviewID, by actor: Actor) throws -> ReviewSheet {
        let review = try openReview(id)
        do {
            return try inOrg(review.orgId, action: "review.submit", by: actor) { tx, actor, org, now in
                guard try tx.reviews.find(id)?.isOpen == true else { throw ReviewProblem.submitted(id.rawValue) }
                let items = try tx.reviews.items(of: id)
                let undecided = items.filter { $0.decision == nil }.count
                guard undecided == 0 else { throw ReviewProblem.undecided(undecided) }
                let roster = Roster(stores: JoinedStores(tx: tx), environment: environment)
                var counts = ["kept": 0, "removed": 0, "changed": 0]
                // A refusal part way (a member gone, the last org admin) undoes the whole submit:
                // thrown as `Refused`, it rolls the transaction back and is recorded after.
                let members = Set(try tx.orgs.members(of: org.id).map(\.userId))
                if let joined = members.subtracting(items.compactMap(\.userId)).first, let user = try tx.users.find(joined) {
                    throw Refused(denial: .reviewOutOfDate("\(user.email) joined \(org.name)"))
                }
                do { for item in items {
                    guard let user = item.userId, let current = try tx.orgs.membership(of: user, in: org.id), current.role == item.orgRole else {
                        throw Denial.reviewOutOfDate("\(item.email) left \(org.name) or got another org role")
                    }
                    switch item.decided {
                    case .remove?:
                        try roster.orgs.removeMember(user, from: org.id, by: actor)
                        counts["removed", default: 0] += 1
                    case .role(let role)? where role != item.orgRole:
                        _ = try roster.orgs.changeOrgRole(user, in: org.id, to: role, by: actor)
                        counts["changed", default: 0] += 1
                    default:
                        counts["kept", default: 0] += 1
                    }
                } } catch let denial as Denial {
                    throw Refused(denial: denial)
                }
                guard try tx.reviews.submit(id, by: actor.label, at: now) else { throw ReviewProblem.submitted(id.rawValue) }
                if let stored = try tx.orgs.find(org.id) {
                    var reviewed = stored
                    reviewed.lastReviewedAt = now
                    _ = try tx.orgs.update(reviewed, expectedVersion: stored.version)
                }
                var details = counts.mapValues(String.init)
                details["review"] = String(id.rawValue)
                _ = try tx.audit.append(AuditEvent(action: "review.submit", orgId: org.id, org: org.name, details: details), by: actor, at: now)
                guard let submitted = try tx.reviews.find(id) else { throw ReviewProblem.submitted(id.rawValue) }
                return .success(ReviewSheet(review: submitted, items: try tx.reviews.items(of: id)))
            }
        } catch let refused as Refused {
            // Everything the submit did was rolled back; the refusal itself goes on the record.
            let denial = refused.denial
            let now = environment.now()
            try stores.write { tx in
                var event = AuditEvent.denied("review.submit", nil, denial, details: ["review": String(id.rawValue)])
                event.orgId = review.orgId
                event.org = review.orgName
                _ = try tx.audit.append(event, by: actor, at: now)
            }
            throw denial.answer
        }
    }

    /// The reviews `actor` may read, newest first (with `org`, that org's).
    public func list(org: OrgID? = nil, limit: Int = 200, by actor: Actor) throws -> [AccessReview] {
        try stores.authorizedRead("review.list", by: actor, at: environment.now()) { tx, actor in
            .success(try tx.reviews.list(org: org, limit: limit).filter { Policy.maySeeReviews(of: $0.orgId, by: actor) })
        }
    }

    /// One review with its members and decisions, if `actor` may read it.
    public func show(_ id: ReviewID, by actor: Actor) throws -> ReviewSheet {
        try stores.authorizedRead("review.show", by: actor, at: environment.now()) { tx, actor in
            guard let review = try tx.reviews.find(id), Policy.maySeeReviews(of: review.orgId, by: actor) else {
                return .failure(RefusedRead("review.show", nil, .hidden(Self.notFound(id))))
            }
            // Roles are shown as the reader may see them now, whoever started the review.
            var items = try tx.reviews.items(of: id)
            if !Policy.maySeeSystemRole(actor) { for index in items.indices { items[index].systemRole = nil } }
            return .success(ReviewSheet(review: review, items: items))
        }
    }

    // MARK: The shape every review change shares

    private typealias Body<T> = (StoreTransaction, Actor, Org, Date) throws -> Result<T, Denial>

    /// One transaction: the actor re-read, the org found as they may see it, Policy asked
    /// (`reviewMembers`; a refusal audited), then `body`.
    private func inOrg<T>(_ orgId: OrgID, action: String, by actor: Actor, _ body: Body<T>) throws -> T {
        try stores.writeAudited { tx in
            let now = environment.now()
            let refreshed = try UserService.current(actor, in: tx, attempting: action, at: now)
            guard case .success(let actor) = refreshed else { return .failure(refreshed.denial) }
            let notFound = RosterError.orgNotFound(String(orgId.rawValue))
            guard let org = try tx.orgs.find(orgId) else { throw notFound }
            if let denial = Policy.checkOrgVisible(orgId, by: actor, reference: String(orgId.rawValue))
                ?? Policy.check(.reviewMembers, by: actor, org: orgId) {
                _ = try tx.audit.append(.denied(action, nil, org: org, denial), by: actor, at: now)
                return .failure(denial)
            }
            return try body(tx, actor, org, now)
        }
    }

    /// A refusal met while applying a review's decisions.
    private struct Refused: Error {
        var denial: Denial
    }

    private func openReview(_ id: ReviewID) throws -> AccessReview {
        guard let review = try stores.read({ tx in try tx.reviews.find(id) }) else { throw Self.notFound(id) }
        return review
    }

    static func notFound(_ id: ReviewID) -> RosterError {
        .notFound(kind: "review", reference: String(id.rawValue), hint: "List them with `roster reviews list`.")
    }
}

/// What stops a review change before any rule is asked.
public enum ReviewProblem: HumanReadableError, Equatable {
    case alreadyOpen(Int64, org: String)
    case submitted(Int64)
    case undecided(Int)

    public var message: String {
        switch self {
        case .alreadyOpen(let id, let org): "\(org) has a review open already: #\(id) (`roster reviews show \(id)`); submit it first."
        case .submitted(let id): "Review #\(id) was submitted already; it is kept as it was. Start a new one to review again."
        case .undecided(let n): "\(n) member\(n == 1 ? " has" : "s have") no decision yet: keep, remove or another org role for each, then submit."
        }
    }
}
