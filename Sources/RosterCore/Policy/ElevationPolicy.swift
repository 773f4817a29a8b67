import Foundation

/// The facts the elevation rules look at beyond the actor and the target.
public struct ElevationFacts: Sendable, Equatable {
    /// How long it is asked for.
    public var duration: TimeInterval
    /// `elevation.max-hours`, the longest allowed.
    public var maxHours: Int
    /// For an org elevation: the org, and the target's role in it now (nil: not a member).
    public var org: Org?
    public var orgRole: OrgRole?

    public init(duration: TimeInterval, maxHours: Int, org: Org? = nil, orgRole: OrgRole? = nil) {
        self.duration = duration
        self.maxHours = maxHours
        self.org = org
        self.orgRole = orgRole
    }
}

extension Policy {
    /// May `actor` lend `target` the role `role` (on top of the user-action rules for
    /// `.elevate`: rank, scope, self, sudo)? Only someone who may grant the role outright may
    /// lend it: a system role as `checkRoleChange` (operations admins and up, never above their
    /// own), org admin as a membership role change in that org. It lends only a role above what
    /// the target holds now, and for no longer than the setting allows.
    public static func checkElevation(_ role: ElevatedRole, _ facts: ElevationFacts, by actor: Actor, on target: PolicyTarget) -> Denial? {
        if actor.userId == target.id { return .selfChange(.elevate) }
        switch role {
        case .system(let systemRole):
            if let denial = checkRoleChange(to: systemRole, by: actor, on: target) { return denial }
            if target.systemRole >= systemRole { return .alreadyHolds(systemRole.title) }
        case .orgAdmin:
            guard let org = facts.org else { return .hidden(.orgNotFound("")) }
            if let denial = checkMembership(.changeRole, by: actor, org: org, target: target) { return denial }
            guard let orgRole = facts.orgRole else { return .notOrgMember(org: org.name) }
            if orgRole == .orgAdmin { return .alreadyHolds("org admin of \(org.name)") }
        }
        if facts.duration > TimeInterval(facts.maxHours) * 3600 { return .elevationTooLong(maxHours: facts.maxHours) }
        return nil
    }

    /// May `actor` end `target`'s elevation early? Anyone may drop their own; otherwise whoever
    /// could have granted it (a system one: operations admins and up; an org one: whoever
    /// manages the org's members), rank first as always. Ending lowers power, so no sudo.
    public static func checkEndElevation(_ role: ElevatedRole, org: Org?, by actor: Actor, on target: PolicyTarget) -> Denial? {
        if actor.userId == target.id { return actor.readOnlyCredential ? .readOnlyActor : nil }
        if let denial = check(.endElevation, by: actor, on: target) { return denial }
        switch role {
        case .system:
            return actor.systemRole >= .operationsAdmin ? nil : .notPermitted(.endElevation)
        case .orgAdmin:
            guard let org else { return .hidden(.orgNotFound("")) }
            return checkMembership(.changeRole, by: actor, org: org, target: target)
        }
    }

    /// The roles a user holds at `now`: the stored ones raised by every elevation active then.
    /// An org elevation counts only while the user is still a member of that org.
    public static func effectiveRoles(systemRole: SystemRole, orgRoles: [OrgID: OrgRole], elevations: [Elevation],
                                      at now: Date) -> (systemRole: SystemRole, orgRoles: [OrgID: OrgRole]) {
        var systemRole = systemRole
        var orgRoles = orgRoles
        for elevation in elevations where elevation.isActive(at: now) {
            switch elevation.role {
            case .system(let lent): systemRole = max(systemRole, lent)
            case .orgAdmin(let org): if orgRoles[org] != nil { orgRoles[org] = .orgAdmin }
            }
        }
        return (systemRole, orgRoles)
    }

    /// Who may see that a user is or was elevated: those who see system roles (for any
    /// elevation), the admins of the org an org elevation is in, and the user.
    public static func maySeeElevation(_ elevation: Elevation, by actor: Actor) -> Bool {
        if actor.userId == elevation.userId || maySeeSystemRole(actor) { return true }
        if case .orgAdmin(let org) = elevation.role { return actor.isOrgAdmin(of: org) }
        return false
    }
}
