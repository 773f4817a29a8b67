import Foundation

/// User groups inside an org, managed by accounts admins and that org's admins.
public struct GroupService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    // Unchecked reads, for tests; front ends use the `by:` versions in GroupReading.swift.

    func all(in org: OrgID?) throws -> [UserGroup] {
        try stores.read { tx in try tx.groups.all(in: org) }
    }

    func find(_ name: String, in org: OrgID) throws -> UserGroup {
        try stores.read { tx in
            guard let group = try tx.groups.find(name: name, in: org) else { throw RosterError.groupNotFound(name) }
            return group
        }
    }

    func members(of group: GroupID) throws -> [UserID] {
        try stores.read { tx in try tx.groups.members(of: group) }
    }

    public func create(name rawName: String, in orgId: OrgID, by actor: Actor) throws -> UserGroup {
        let name = try Field.name(rawName, "Group name")
        return try inOrg(orgId, action: "group.create", by: actor) { tx, org, now in
            let group = try tx.groups.insert(name: name, org: org.id, at: now)
            return (group, ["group": name])
        }
    }

    public func rename(_ id: GroupID, to rawName: String, by actor: Actor) throws -> UserGroup {
        let name = try Field.name(rawName, "Group name")
        let group = try existing(id)
        return try inOrg(group.orgId, action: "group.rename", notFound: .groupNotFound(String(id.rawValue)), by: actor) { tx, _, _ in
            if let other = try tx.groups.find(name: name, in: group.orgId), other.id != id { throw RosterError.duplicateGroupName(name) }
            try tx.groups.rename(id, to: name)
            var renamed = group
            renamed.name = name
            return (renamed, ["from": group.name, "to": name])
        }
    }

    public func delete(_ id: GroupID, by actor: Actor) throws {
        let group = try existing(id)
        try inOrg(group.orgId, action: "group.delete", notFound: .groupNotFound(String(id.rawValue)), by: actor) { tx, _, _ in
            try tx.groups.delete(id)
            return ((), ["group": group.name])
        }
    }

    /// Adds a user to a group; they must already be a member of the group's org.
    public func addMember(_ userId: UserID, to id: GroupID, by actor: Actor) throws {
        let group = try existing(id)
        try inOrg(group.orgId, action: "group.add-member", notFound: .groupNotFound(String(id.rawValue)), by: actor, target: userId) { tx, org, _ in
            guard let user = try tx.users.find(userId) else { throw RosterError.userNotFound(String(userId.rawValue)) }
            guard try tx.orgs.membership(of: userId, in: org.id) != nil else {
                throw RosterError.notAMember(user: user.email.value, org: org.name)
            }
            guard try tx.groups.addMember(userId, to: id) else { throw RosterError.unchanged("\(user.email) is already in \(group.name).") }
            return ((), ["group": group.name])
        }
    }

    public func removeMember(_ userId: UserID, from id: GroupID, by actor: Actor) throws {
        let group = try existing(id)
        try inOrg(group.orgId, action: "group.remove-member", notFound: .groupNotFound(String(id.rawValue)), by: actor, target: userId) { tx, _, _ in
            guard try tx.groups.removeMember(userId, from: id) else { throw RosterError.unchanged("that user is not in \(group.name).") }
            return ((), ["group": group.name])
        }
    }

    func existing(_ id: GroupID) throws -> UserGroup {
        try stores.read { tx in
            guard let group = try tx.groups.find(id) else { throw RosterError.groupNotFound(String(id.rawValue)) }
            return group
        }
    }

    /// `notFound`: the answer when the org is hidden from the actor, as for a missing one (the
    /// group's not-found when the command named a group). A hidden target user is not found.
    private func inOrg<T>(_ orgId: OrgID, action: String, notFound: RosterError? = nil, by actor: Actor, target: UserID? = nil,
                          apply: (StoreTransaction, Org, Date) throws -> (T, [String: String])) throws -> T {
        try stores.writeAudited { tx in
            let now = environment.now()
            let refreshed = try UserService.current(actor, in: tx, attempting: action, at: now)
            guard case .success(let actor) = refreshed else { return .failure(refreshed.denial) }
            guard let org = try tx.orgs.find(orgId) else { throw RosterError.orgNotFound(String(orgId.rawValue)) }
            let user = try target.flatMap { try tx.users.find($0) }
            let targetHidden = try user.flatMap { user in
                Policy.checkVisible(try UserService.policyTarget(user, in: tx, at: now), by: actor, notFound: .userNotFound(String(user.id.rawValue)))
            }
            if let denial = Policy.checkOrgVisible(org.id, by: actor, reference: String(orgId.rawValue)).map({ _ in
                Denial.hidden(notFound ?? .orgNotFound(String(orgId.rawValue)))
            }) ?? targetHidden ?? Policy.checkOrgChange(.manageGroups, by: actor, org: org) {
                _ = try tx.audit.append(.denied(action, user, org: org, denial), by: actor, at: now)
                return .failure(denial)
            }
            let (result, details) = try apply(tx, org, now)
            var event = AuditEvent(action: action, targetId: user?.id, target: user?.email.value, orgId: org.id, org: org.name, details: details)
            event.outcome = .success
            _ = try tx.audit.append(event, by: actor, at: now)
            return .success(result)
        }
    }
}
