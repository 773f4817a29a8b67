import Foundation

/// Who is acting and on whom, as the database knows them now: every service call re-reads
/// its actor here, and weighs its target here, so a change of role, status or elevation
/// counts at the very next call.
extension UserService {
    /// The user as Policy weighs them at `now`: with the role an active elevation lends, so
    /// that nobody below it takes over an account that holds it for now.
    ///
    /// For many users in one transaction (an import) the caller may pass what it read once or
    /// already has: `storedOrgRoles`, the user's memberships as stored, and `elevated`, the
    /// users holding an elevation at `now`; anyone else's elevations needn't be read.
    static func policyTarget(_ user: User, in tx: StoreTransaction, at now: Date,
                             storedOrgRoles: [OrgID: OrgRole]? = nil, elevated: Set<UserID>? = nil) throws -> PolicyTarget {
        let roles = try currentRoles(of: user, in: tx, at: now, storedOrgRoles: storedOrgRoles, elevated: elevated)
        return PolicyTarget(id: user.id, systemRole: roles.systemRole, status: user.status, orgs: Set(roles.orgRoles.keys))
    }

    /// The roles `user` holds at `now`: as stored, raised by the elevations in force then
    /// (`Policy.effectiveRoles`). Every read of an actor or a target goes through here.
    static func currentRoles(of user: User, in tx: StoreTransaction, at now: Date, storedOrgRoles: [OrgID: OrgRole]? = nil,
                             elevated: Set<UserID>? = nil) throws -> (systemRole: SystemRole, orgRoles: [OrgID: OrgRole]) {
        // Only elevations in force at `now` count, so a user `elevated` doesn't name holds none that do.
        let elevations = elevated?.contains(user.id) == false ? [] : try tx.elevations.open(for: user.id)
        return Policy.effectiveRoles(systemRole: user.systemRole, orgRoles: try storedOrgRoles ?? tx.orgs.orgRoles(of: user.id),
                                     elevations: elevations, at: now)
    }

    /// The actor as the database knows them now: a demoted or deactivated operator loses
    /// their powers at once, even in a console that has been open for hours. A refusal (the
    /// account can't act, or must first take a pending step) is audited first.
    static func current(_ actor: Actor, in tx: StoreTransaction, attempting action: String, at now: Date,
                        taking step: PendingStep? = nil) throws -> Result<Actor, Denial> {
        try ElevationService.recordLapsed(in: tx, at: now)
        let result = try fresh(actor, in: tx, at: now, taking: step)
        if case .failure(let denial) = result {
            _ = try tx.audit.append(.denied(action, nil, denial), by: actor, at: now)
        }
        return result
    }

    /// The actor with kind and roles as stored now (raised by the elevations in force at
    /// `now`); refused (`actorUnavailable`) when the account is gone, deactivated or locked by
    /// an administrator, and (`pendingStep`) when it must first take a step other than `step`.
    /// Writes nothing, so reads can use it.
    static func fresh(_ actor: Actor, in tx: StoreTransaction, at now: Date, taking step: PendingStep? = nil) throws -> Result<Actor, Denial> {
        guard let id = actor.userId else { return .success(actor) }
        let account = try tx.users.find(id)
        if let denial = Policy.checkActorAvailable(status: account?.status, lockedByAdmin: account?.lockedByAdmin ?? false) {
            return .failure(denial)
        }
        guard let account else { return .failure(.actorUnavailable) }
        if let denial = Policy.checkPending(try pendingSteps(of: account, in: tx), taking: step) { return .failure(denial) }
        var fresh = actor
        let roles = try currentRoles(of: account, in: tx, at: now)
        fresh.systemRole = roles.systemRole
        fresh.kind = account.kind
        fresh.orgRoles = roles.orgRoles
        // A `sudo` since the actor was read counts.
        if let session = try actor.sessionId.flatMap({ try tx.sessions.find($0) }) {
            fresh.authenticatedAt = session.authenticatedAt ?? session.createdAt
        }
        return .success(fresh)
    }

    /// The steps `user` must take first (`Policy.pendingSteps`), from what is stored now.
    static func pendingSteps(of user: User, in tx: StoreTransaction) throws -> [PendingStep] {
        // Cheap questions first: most accounts have nothing pending and need no more reads.
        let mayNeedMFA = !user.mfaEnabled && user.kind != .service
        let mfaRequired = mayNeedMFA ? try user.mfaEnrollmentRequired || MFAService.mfaRequired(for: user, in: tx) : false
        let mayNeedTerms = user.termsAcceptanceRequired && user.termsAcceptedAt == nil
        let termsSet = mayNeedTerms ? try !SettingsService.load(tx.settings).termsText.isEmpty : false
        return Policy.pendingSteps(PendingStepFacts(
            kind: user.kind, hasPassword: user.passwordHash != nil, passwordChangeRequired: user.passwordChangeRequired,
            mfaEnabled: user.mfaEnabled, mfaRequired: mfaRequired,
            termsAcceptanceRequired: user.termsAcceptanceRequired, termsAccepted: user.termsAcceptedAt != nil, termsSet: termsSet))
    }
}
