import Foundation

/// Organizations and memberships. Like every service: one call, one transaction, one audit row.
public struct OrgService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// Every org for account admins and above; the orgs they belong to for everyone else.
    public func all(by actor: Actor) throws -> [Org] {
        try stores.authorizedRead("org.list", by: actor, at: environment.now()) { tx, actor in
            let orgs = try tx.orgs.all()
            return .success(orgs.filter { Policy.seesOrg($0.id, by: actor) })
        }
    }

    /// Finds an org by name (case-insensitive) or numeric id, among those `actor` can list.
    public func find(_ reference: String, by actor: Actor) throws -> Org {
        try stores.authorizedRead("org.view", by: actor, at: environment.now()) { tx, actor in
            let org = try Self.resolve(reference, in: tx)
            if let hidden = Policy.checkOrgVisible(org.id, by: actor, reference: reference) {
                return .failure(RefusedRead("org.view", nil, org: org, hidden))
            }
            return .success(org)
        }
    }

    /// An org's members with their org roles, for account admins and the org's own admins.
    public func members(of id: OrgID, by actor: Actor) throws -> [OrgMember] {
        try stores.authorizedRead("org.members", by: actor, at: environment.now()) { tx, actor in
            guard let org = try tx.orgs.find(id) else { throw RosterError.orgNotFound(String(id.rawValue)) }
            if let denial = Policy.checkOrgVisible(id, by: actor, reference: String(id.rawValue)) ?? Policy.checkRead(.orgMembers, by: actor, org: id) {
                return .failure(RefusedRead("org.members", nil, org: org, denial))
            }
            return .success(try tx.orgs.members(of: id))
        }
    }

    /// The orgs `actor` can list, each with its headcount against its limits.
    public func summaries(by actor: Actor) throws -> [(org: Org, headcount: OrgHeadcount)] {
        try stores.authorizedRead("org.list", by: actor, at: environment.now()) { tx, actor in
            let orgs = try tx.orgs.all().filter { Policy.seesOrg($0.id, by: actor) }
            return .success(try orgs.map { ($0, try tx.orgs.headcount(of: $0.id)) })
        }
    }

    func all() throws -> [Org] {
        try stores.read { tx in try tx.orgs.all() }
    }

    func find(_ reference: String) throws -> Org {
        try stores.read { tx in try Self.resolve(reference, in: tx) }
    }

    static func resolve(_ reference: String, in tx: StoreTransaction) throws -> Org {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if let org = try tx.orgs.find(name: trimmed) { return org }
        if let number = Int64(trimmed), let org = try tx.orgs.find(OrgID(rawValue: number)) { return org }
        throw RosterError.orgNotFound(reference)
    }

    func headcount(of id: OrgID) throws -> OrgHeadcount {
        try stores.read { tx in try tx.orgs.headcount(of: id) }
    }

    // MARK: Organizations

    public func create(name rawName: String, by actor: Actor) throws -> Org {
        let name = try Field.name(rawName, "Organization name")
        return try stores.writeAudited { tx in
            let now = environment.now()
            let refreshed = try UserService.current(actor, in: tx, attempting: "org.create", at: now)
            guard case .success(let actor) = refreshed else { return .failure(refreshed.denial) }
            if let denial = Policy.check(.create, by: actor, org: nil) {
                var event = AuditEvent.denied("org.create", nil, denial)
                event.org = name
                _ = try tx.audit.append(event, by: actor, at: now)
                return .failure(denial)
            }
            let org = try tx.orgs.insert(name: name, at: now)
            _ = try tx.audit.append(AuditEvent(action: "org.create", orgId: org.id, org: org.name), by: actor, at: now)
            return .success(org)
        }
    }

    public func rename(_ id: OrgID, to rawName: String, expectedVersion: Int? = nil, by actor: Actor) throws -> Org {
        let name = try Field.name(rawName, "Organization name")
        return try changeOrg(.rename, id, action: "org.rename", expectedVersion: expectedVersion, by: actor) { tx, org in
            guard org.name != name else { throw RosterError.unchanged("the organization is already named \(name).") }
            var updated = org
            updated.name = name
            return (try tx.orgs.update(updated, expectedVersion: org.version), ["from": org.name, "to": name])
        }
    }

    public func setLocked(_ id: OrgID, _ locked: Bool, expectedVersion: Int? = nil, by actor: Actor) throws -> Org {
        try changeOrg(locked ? .lock : .unlock, id, action: locked ? "org.lock" : "org.unlock", expectedVersion: expectedVersion, by: actor) { tx, org in
            guard org.locked != locked else { throw RosterError.unchanged("the organization is already \(locked ? "locked" : "unlocked").") }
            var updated = org
            updated.locked = locked
            return (try tx.orgs.update(updated, expectedVersion: org.version), [:])
        }
    }

    public func setMFARequired(_ id: OrgID, _ required: Bool, expectedVersion: Int? = nil, by actor: Actor) throws -> Org {
        try changeOrg(.setMFARequired, id, action: "org.set-mfa-required", expectedVersion: expectedVersion, by: actor,
                      weakensSecurity: !required) { tx, org in
            var updated = org
            updated.mfaRequired = required
            return (try tx.orgs.update(updated, expectedVersion: org.version), ["required": String(required)])
        }
    }

    /// Sets the most standard and API service accounts the org may have; nil is unlimited.
    /// Read-only accounts never count. A limit below today's headcount is allowed:
    /// it only stops new members.
    public func setLimits(_ id: OrgID, standard: Int?, service: Int?, expectedVersion: Int? = nil, by actor: Actor) throws -> Org {
        for limit in [standard, service].compactMap({ $0 }) where limit < 0 {
            throw RosterError.invalidSetting(key: "limit", reason: "use 0 or more, or leave it out for no limit.")
        }
        return try changeOrg(.setLimits, id, action: "org.set-limits", expectedVersion: expectedVersion, by: actor) { tx, org in
            var updated = org
            updated.standardUserLimit = standard
            updated.serviceUserLimit = service
            let details = ["standard": standard.map(String.init) ?? "unlimited", "service": service.map(String.init) ?? "unlimited"]
            return (try tx.orgs.update(updated, expectedVersion: org.version), details)
        }
    }

    /// Sets how many days apart the org's access reviews are due (`ReviewDue`).
    public func setReviewInterval(_ id: OrgID, days: Int, by actor: Actor) throws -> Org {
        guard (1...3650).contains(days) else {
            throw RosterError.invalidSetting(key: "review interval", reason: "use a whole number of days from 1 to 3650.")
        }
        return try changeOrg(.setReviewInterval, id, action: "org.set-review-interval", expectedVersion: nil, by: actor) { tx, org in
            var updated = org
            updated.reviewIntervalDays = days
            return (try tx.orgs.update(updated, expectedVersion: org.version), ["days": String(days)])
        }
    }

    /// Deletes the org and its memberships and groups; the users themselves stay.
    public func delete(_ id: OrgID, by actor: Actor) throws -> Org {
        try changeOrg(.delete, id, action: "org.delete", expectedVersion: nil, by: actor) { tx, org in
            let members = try tx.orgs.memberCount(of: id)
            try tx.orgs.delete(id)
            return (org, ["membersRemoved": String(members)])
        }
    }

    // MARK: Memberships

    /// Puts an existing user in an org with an org role, within the org's user limit.
    public func addMember(_ userId: UserID, to orgId: OrgID, role: OrgRole, by actor: Actor) throws -> Membership {
        try changeMembership(userId, orgId, .add, action: "membership.add", grant: .orgRole(role), by: actor, check: { tx, user, org in
            try Policy.checkUserLimit(org: org, kind: user.kind, systemRole: user.systemRole, headcount: tx.orgs.headcount(of: org.id))
        }) { tx, user, org, now in
            if try tx.orgs.membership(of: user.id, in: org.id) != nil {
                throw RosterError.alreadyMember(user: user.email.value, org: org.name)
            }
            let membership = Membership(userId: user.id, orgId: org.id, role: role, createdAt: now)
            try tx.orgs.save(membership)
            return (membership, ["role": role.name])
        }
    }

    /// Changes a member's org role; the last active org admin can't be demoted.
    public func changeOrgRole(_ userId: UserID, in orgId: OrgID, to role: OrgRole, by actor: Actor) throws -> Membership {
        try changeMembership(userId, orgId, .changeRole, action: "membership.change-role", grant: .orgRole(role), by: actor,
                             check: { tx, user, org in
            guard let current = try tx.orgs.membership(of: user.id, in: org.id), current.role == .orgAdmin, role != .orgAdmin else { return nil }
            return Policy.checkLastOrgAdmin(orgName: org.name, targetIsActiveOrgAdmin: user.isActive,
                                            activeOrgAdmins: try tx.orgs.countActiveOrgAdmins(of: org.id))
        }) { tx, user, org, _ in
            guard var membership = try tx.orgs.membership(of: user.id, in: org.id) else {
                throw RosterError.notAMember(user: user.email.value, org: org.name)
            }
            guard membership.role != role else { throw RosterError.unchanged("\(user.email) is already \(role.title) of \(org.name).") }
            let from = membership.role
            membership.role = role
            try tx.orgs.save(membership)
            return (membership, ["from": from.name, "to": role.name])
        }
    }

    /// Takes a user out of an org (and its groups); the last active org admin stays.
    public func removeMember(_ userId: UserID, from orgId: OrgID, by actor: Actor) throws {
        try changeMembership(userId, orgId, .remove, action: "membership.remove", by: actor, check: { tx, user, org in
            guard let current = try tx.orgs.membership(of: user.id, in: org.id), current.role == .orgAdmin else { return nil }
            return Policy.checkLastOrgAdmin(orgName: org.name, targetIsActiveOrgAdmin: user.isActive,
                                            activeOrgAdmins: try tx.orgs.countActiveOrgAdmins(of: org.id))
        }) { tx, user, org, _ in
            guard let membership = try tx.orgs.membership(of: user.id, in: org.id) else {
                throw RosterError.notAMember(user: user.email.value, org: org.name)
            }
            try tx.groups.removeMember(user.id, fromGroupsOf: org.id)
            try tx.orgs.removeMembership(of: user.id, from: org.id)
            return ((), ["role": membership.role.name])
        }
    }

    // MARK: Shared shapes

    /// `weakensSecurity`: the change lifts a protection (an MFA requirement), so it asks for sudo mode too.
    private func changeOrg<T>(_ orgAction: OrgAction, _ id: OrgID, action: String, expectedVersion: Int?, by actor: Actor,
                              weakensSecurity: Bool = false, apply: (StoreTransaction, Org) throws -> (T, [String: String])) throws -> T {
        try stores.writeAudited { tx in
            let now = environment.now()
            let refreshed = try UserService.current(actor, in: tx, attempting: action, at: now)
            guard case .success(let actor) = refreshed else { return .failure(refreshed.denial) }
            guard let org = try tx.orgs.find(id) else { throw RosterError.orgNotFound(String(id.rawValue)) }
            let stepUp = weakensSecurity
                ? Policy.checkLiftingProtection(by: actor, at: now, reauthenticateMinutes: try UserService.reauthenticateMinutes(for: actor, in: tx))
                : nil
            if let denial = Policy.checkOrgVisible(org.id, by: actor, reference: String(id.rawValue))
                ?? Policy.checkOrgChange(orgAction, by: actor, org: org) ?? stepUp {
                _ = try tx.audit.append(.denied(action, nil, org: org, denial), by: actor, at: now)
                return .failure(denial)
            }
            if let expectedVersion, expectedVersion != org.version {
                throw RosterError.changedBySomeoneElse("Organization \(org.name)")
            }
            let (result, details) = try apply(tx, org)
            _ = try tx.audit.append(AuditEvent(action: action, orgId: org.id, org: org.name, details: details), by: actor, at: now)
            return .success(result)
        }
    }

    private func changeMembership<T>(
        _ userId: UserID, _ orgId: OrgID, _ change: MembershipChange, action: String, grant: Grant? = nil, by actor: Actor,
        check: (StoreTransaction, User, Org) throws -> Denial?,
        apply: (StoreTransaction, User, Org, Date) throws -> (T, [String: String])
    ) throws -> T {
        try stores.writeAudited { tx in
            let now = environment.now()
            let refreshed = try UserService.current(actor, in: tx, attempting: action, at: now)
            guard case .success(let actor) = refreshed else { return .failure(refreshed.denial) }
            // The org, then the user, each found and checked visible before anything else is
            // told: a hidden one answers as a missing one, whatever the other is.
            guard let org = try tx.orgs.find(orgId) else { throw RosterError.orgNotFound(String(orgId.rawValue)) }
            if let hidden = Policy.checkOrgVisible(org.id, by: actor, reference: String(orgId.rawValue)) {
                _ = try tx.audit.append(.denied(action, nil, org: org, hidden), by: actor, at: now)
                return .failure(hidden)
            }
            guard let user = try tx.users.find(userId) else { throw RosterError.userNotFound(String(userId.rawValue)) }
            let target = try UserService.policyTarget(user, in: tx, at: now)
            let denial = try Policy.checkVisible(target, by: actor, notFound: .userNotFound(String(userId.rawValue)))
                ?? Policy.checkMembership(change, by: actor, org: org, target: target)
                ?? grant.flatMap { try UserService.checkGrant($0, actor, in: tx, at: now) } ?? check(tx, user, org)
            if let denial {
                _ = try tx.audit.append(.denied(action, user, org: org, denial), by: actor, at: now)
                return .failure(denial)
            }
            let (result, details) = try apply(tx, user, org, now)
            _ = try tx.audit.append(.user(action, user, org: org, details: details), by: actor, at: now)
            return .success(result)
        }
    }
}
