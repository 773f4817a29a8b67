import Foundation

/// Lending a higher role until a set time (`Elevation`): granted by someone who may grant the
/// role outright, ended early by them or the holder, and recorded as expired the first time a
/// write sees it over. The role itself is worked out at every read of the actor
/// (`UserService.fresh`), so nothing needs to run when the time ends.
public struct ElevationService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// The longest reason kept.
    static let maxReasonLength = 200

    /// Lends `role` to the user for `duration` seconds, from now.
    public func elevate(_ id: UserID, to role: ElevatedRole, for duration: TimeInterval, reason: String, by actor: Actor) throws -> Elevation {
        let reason = try Self.reason(reason)
        guard duration >= 60 else { throw ElevationProblem.tooShort }
        if actor.userId == id, actor.approving == nil { return try requestSelf(role, for: duration, reason: reason, by: actor) }
        return try change(.elevate, id, action: "user.elevate", org: role.org, by: actor, check: { tx, actor, user, target, org, now in
            let settings = try SettingsService.load(tx.settings)
            let orgRole = try org.flatMap { try tx.orgs.membership(of: user.id, in: $0.id)?.role }
            let facts = ElevationFacts(duration: duration, maxHours: settings.elevationMaxHours, org: org, orgRole: orgRole)
            // Lending needs the role held in one's own right: a lent role can't be passed on
            // (and so outlive its own end); one org elevation at a time per org.
            let own = try actor.userId.flatMap { try tx.users.find($0) }?.systemRole
            if case .system(let lent) = role, let own, lent > own { return .cannotGrantAbove(lent) }
            if let org, try tx.elevations.open(for: user.id).contains(where: { $0.isActive(at: now) && $0.orgId == org.id }) {
                return .alreadyHolds("org admin of \(org.name)")
            }
            return try Policy.checkElevation(role, facts, by: actor, on: target)
                ?? UserService.checkGrant(role.grant, actor, in: tx, at: now)
        }) { tx, user, org, now in
            guard user.status == .active else { throw ElevationProblem.inactiveUser(user.email.value) }
            let elevation = try tx.elevations.insert(Elevation(userId: user.id, role: role, reason: reason, grantedAt: now,
                                                               grantedBy: actor.label, endsAt: now.addingTimeInterval(duration)))
            return (elevation, Self.details(elevation, org: org, extra: ["reason": reason, "minutes": String(Int(duration / 60))]))
        }
    }

    /// Power taken, not given: elevating oneself is only ever a request for a second person
    /// (when the settings allow it at all), who then lends the role as themselves.
    private func requestSelf(_ role: ElevatedRole, for duration: TimeInterval, reason: String, by actor: Actor) throws -> Elevation {
        try stores.writeAudited { tx in
            let now = environment.now()
            let refreshed = try UserService.current(actor, in: tx, attempting: "user.elevate", at: now)
            guard case .success(let actor) = refreshed, let id = actor.userId else { return .failure(refreshed.denial) }
            guard let user = try tx.users.find(id) else { throw RosterError.userNotFound(String(id.rawValue)) }
            let settings = try SettingsService.load(tx.settings)
            let org = try role.org.flatMap { try tx.orgs.find($0) }
            let facts = ElevationFacts(duration: duration, maxHours: settings.elevationMaxHours, org: org,
                                       orgRole: try org.flatMap { try tx.orgs.membership(of: id, in: $0.id)?.role })
            if let denial = try Policy.checkSelfElevationRequest(role, facts, by: actor, approvalAllowed: settings.approvalRequiredFor.contains(.selfElevation))
                ?? UserService.recentAuthentication(.elevate, actor, in: tx, at: now) {
                _ = try tx.audit.append(.denied("user.elevate", user, org: org, denial), by: actor, at: now)
                return .failure(denial)
            }
            let title = switch role {
            case .system(let systemRole): systemRole.title
            case .orgAdmin: "org admin of \(org?.name ?? "an org")"
            }
            let change = ApprovalAction.elevate(id, systemRole: role.systemRole, org: role.org, seconds: duration, reason: reason)
            return .failure(try ApprovalGate.fileAlways(change, summary: "Make \(user.email) \(title) for \(Int(duration / 60)) min: \(reason)",
                                                        by: actor, in: tx, at: now, settings: settings))
        }
    }

    /// Ends the user's active elevations before their time: all of them, or with `org` only
    /// the one in that org (`system` only the system one).
    public func end(_ id: UserID, scope: EndScope = .all, by actor: Actor) throws -> [Elevation] {
        try change(.endElevation, id, action: "user.end-elevation", org: scope.org, by: actor, check: { tx, actor, user, target, org, now in
            for elevation in try Self.active(of: user.id, scope, in: tx, at: now) {
                let elevationOrg = try elevation.orgId.flatMap { try tx.orgs.find($0) }
                if let denial = Policy.checkEndElevation(elevation.role, org: elevationOrg, by: actor, on: target) { return denial }
            }
            return nil
        }) { tx, user, org, now in
            let ending = try Self.active(of: user.id, scope, in: tx, at: now)
            guard !ending.isEmpty else { throw ElevationProblem.nothingToEnd(user.email.value) }
            for elevation in ending { try tx.elevations.close(try Self.id(elevation), at: now, endedBy: actor.label) }
            let ended = ending.map { var copy = $0; copy.closedAt = now; copy.endedBy = actor.label; return copy }
            let roles = ended.map { Self.details($0, org: nil)["role"] ?? "" }.joined(separator: ", ")
            return (ended, ["ended": roles, "count": String(ended.count)])
        }
    }

    /// Which of a user's elevations `end` ends.
    public enum EndScope: Sendable, Equatable {
        case all, system
        case org(OrgID)

        var org: OrgID? { if case .org(let id) = self { id } else { nil } }

        func includes(_ elevation: Elevation) -> Bool {
            switch self {
            case .all: true
            case .system: elevation.orgId == nil
            case .org(let id): elevation.orgId == id
            }
        }
    }

    /// Elevations `actor` may see, newest first: all, one user's, or only those active now.
    public func list(user: UserID? = nil, activeOnly: Bool = false, limit: Int = 500, by actor: Actor) throws -> [ElevationListing] {
        let now = environment.now()
        return try stores.authorizedRead("user.elevations", by: actor, at: now) { tx, actor in
            var listings: [ElevationListing] = []
            for elevation in try tx.elevations.list(user: user, activeAt: activeOnly ? now : nil, limit: limit)
            where Policy.maySeeElevation(elevation, by: actor) {
                guard let holder = try tx.users.find(elevation.userId) else { continue }
                let org = try elevation.orgId.flatMap { try tx.orgs.find($0) }
                listings.append(ElevationListing(elevation: elevation, email: holder.email.value, org: org?.name))
            }
            return .success(listings)
        }
    }

    /// Records, once each, the elevations whose time is up: an audit row by the system and the
    /// elevation closed, so the trail says when the power ended even if nobody ended it. Runs
    /// at the start of every write (`UserService.current`); usually finds nothing.
    static func recordLapsed(in tx: StoreTransaction, at now: Date) throws {
        let lapsed = try tx.elevations.lapsed(at: now)
        guard !lapsed.isEmpty else { return }
        for elevation in lapsed {
            try tx.elevations.close(try id(elevation), at: now, endedBy: nil)
            let user = try tx.users.find(elevation.userId)
            let org = try elevation.orgId.flatMap { try tx.orgs.find($0) }
            let event = AuditEvent(action: "user.elevation-expired", targetId: elevation.userId, target: user?.email.value,
                                   orgId: org?.id, org: org?.name, details: details(elevation, org: org))
            _ = try tx.audit.append(event, by: .system("elevation-expiry"), at: now)
        }
    }

    // MARK: The shape both changes share

    typealias Check = (StoreTransaction, Actor, User, PolicyTarget, Org?, Date) throws -> Denial?

    /// One transaction: the actor re-read, the user (and org) found as the actor may see them,
    /// Policy asked, the change and its audit row written, naming the org for org elevations.
    private func change<T>(_ userAction: UserAction, _ id: UserID, action: String, org orgId: OrgID?, by actor: Actor,
                           check: @escaping Check, apply: (StoreTransaction, User, Org?, Date) throws -> (T, [String: String])) throws -> T {
        try stores.writeAudited { tx in
            let now = environment.now()
            let refreshed = try UserService.current(actor, in: tx, attempting: action, at: now)
            guard case .success(let actor) = refreshed else { return .failure(refreshed.denial) }
            let notFound = RosterError.userNotFound(String(id.rawValue))
            guard let user = try tx.users.find(id) else { throw notFound }
            let org = try orgId.flatMap { try tx.orgs.find($0) }
            let target = try UserService.policyTarget(user, in: tx, at: now)
            let hiddenOrg = orgId.flatMap { Policy.checkOrgVisible($0, by: actor, reference: String($0.rawValue)) }
            let missingOrg: Denial? = orgId != nil && org == nil ? .hidden(.orgNotFound(orgId.map { String($0.rawValue) } ?? "")) : nil
            if let denial = try hiddenOrg ?? missingOrg ?? Policy.checkUserAction(
                userAction, by: actor, on: target, notFound: notFound, at: now,
                reauthenticateMinutes: { try UserService.reauthenticateMinutes(for: actor, in: tx) },
                also: { try check(tx, actor, user, target, org, now) }) {
                _ = try tx.audit.append(.denied(action, user, org: org, denial), by: actor, at: now)
                return .failure(denial)
            }
            let (result, details) = try apply(tx, user, org, now)
            _ = try tx.audit.append(.user(action, user, org: org, details: details), by: actor, at: now)
            return .success(result)
        }
    }

    static func active(of user: UserID, _ scope: EndScope, in tx: StoreTransaction, at now: Date) throws -> [Elevation] {
        try tx.elevations.open(for: user).filter { $0.isActive(at: now) && scope.includes($0) }
    }

    static func id(_ elevation: Elevation) throws -> ElevationID {
        guard let id = elevation.id else { throw RosterError.notFound(kind: "elevation", reference: "", hint: "") }
        return id
    }

    static func details(_ elevation: Elevation, org: Org?, extra: [String: String] = [:]) -> [String: String] {
        var details = extra
        switch elevation.role {
        case .system(let role): details["role"] = role.name
        case .orgAdmin: details["role"] = "org-admin"
        }
        details["until"] = ZoneRules.internetTime(elevation.endsAt)
        if let id = elevation.id { details["elevation"] = String(id.rawValue) }
        return details
    }

    static func reason(_ raw: String) throws -> String {
        try Field.text(raw, "The reason", maxLength: maxReasonLength)
    }
}

extension ElevatedRole {
    /// The org an org elevation is in.
    var org: OrgID? { if case .orgAdmin(let id) = self { id } else { nil } }
    /// The system role a system elevation lends.
    var systemRole: SystemRole? { if case .system(let role) = self { role } else { nil } }
}
