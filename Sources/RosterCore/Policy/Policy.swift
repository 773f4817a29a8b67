import Foundation

/// A user as the policy sees it: enough to decide, nothing to load twice.
public struct PolicyTarget: Sendable, Equatable {
    public var id: UserID
    public var systemRole: SystemRole
    public var status: AccountStatus
    public var orgs: Set<OrgID>

    public init(id: UserID, systemRole: SystemRole, status: AccountStatus = .active, orgs: Set<OrgID> = []) {
        self.id = id
        self.systemRole = systemRole
        self.status = status
        self.orgs = orgs
    }
}

/// The rules of who may do what. Pure and total: no storage, no clock, every input decides.
public enum Policy {
    /// May `actor` take `action` against `target`? Nil means yes.
    ///
    /// Order matters for the message: self-protection first, then rank (nobody
    /// edits a user ranked above them), then scope (system account admins, or the org admin
    /// of one of the target's orgs).
    public static func check(_ action: UserAction, by actor: Actor, on target: PolicyTarget) -> Denial? {
        if action == .view { return nil }
        if actor.isReadOnly { return .readOnlyActor }
        // API keys act on data, never on credentials (and a key can't make keys).
        if actor.viaAPIKey, action.isCredential { return .apiKeyCannotManageCredentials }
        if actor.userId == target.id {
            if action.isSelfForbidden { return .selfChange(action) }
            switch action {
            case .updateProfile, .endSessions, .manageAPIKeys, .manageSSHKeys, .endElevation: return nil
            default: break
            }
        }
        if target.systemRole > actor.systemRole { return outranked(target, by: actor) }
        if action == .changeSystemRole {
            // Only administrators and operations admins change a system role (they alone see it).
            return actor.systemRole >= .operationsAdmin ? nil : .notPermitted(action)
        }
        if actor.systemRole.administersAccounts { return nil }
        // An org admin's power over a user comes from an org they share. Credentials are the
        // user's everywhere, so acting on them needs every one of the user's orgs: otherwise
        // the admin of one org could take over an account another org relies on.
        if action.isCredential {
            return !target.orgs.isEmpty && target.orgs.allSatisfy(actor.isOrgAdmin) ? nil : .notPermitted(action)
        }
        if target.orgs.contains(where: actor.isOrgAdmin) { return nil }
        return .notPermitted(action)
    }

    /// May `actor` add `target` to `org`, change their org role there, or remove them?
    /// The org rule (account admins, or the org's own admins), the rank rule, the org's lock,
    /// and for adding: an org admin adds only users all of whose orgs they already administer
    /// (users they create there qualify); anyone else needs a system-wide account role.
    public static func checkMembership(_ change: MembershipChange, by actor: Actor, org: Org, target: PolicyTarget) -> Denial? {
        if let denial = check(.manageMembers, by: actor, org: org.id) { return denial }
        if target.systemRole > actor.systemRole { return outranked(target, by: actor) }
        if org.locked { return .orgLocked(org.name) }
        if change == .add, !actor.systemRole.administersAccounts,
           target.orgs.isEmpty || !target.orgs.allSatisfy(actor.isOrgAdmin) {
            return .notPermitted(.addToOrg)
        }
        return nil
    }

    /// A refusal never names a role the actor may not see.
    static func outranked(_ target: PolicyTarget, by actor: Actor) -> Denial {
        .outranked(target: maySeeSystemRole(actor) ? target.systemRole : nil)
    }

    /// Anything the actor may not see is answered as if it did not exist: `notFound` is what
    /// the same request about a missing thing gets. Checked before any other rule, so that no
    /// other refusal (rank, scope, API keys) tells the thing is there.
    public static func checkVisible(_ target: PolicyTarget, by actor: Actor, notFound: RosterError) -> Denial? {
        visibility(for: actor).includes(target) ? nil : .hidden(notFound)
    }

    /// A requirement an administrator sets on an account: password change, MFA enrollment,
    /// terms. The account itself may not lift it (it may only do what it asks).
    public static func checkClearsOwnRequirement(by actor: Actor, target: UserID, clears: Bool) -> Denial? {
        actor.userId == target && clears ? .ownRequirement : nil
    }

    /// May `actor` take `action` on `org` as it stands (its lock included)?
    public static func checkOrgChange(_ action: OrgAction, by actor: Actor, org: Org) -> Denial? {
        if let denial = check(action, by: actor, org: org.id) { return denial }
        // A locked org changes only by being unlocked (or deleted, or locked again: a no-op).
        let lockAllows = action == .unlock || action == .lock || action == .delete
        return org.locked && !lockAllows ? .orgLocked(org.name) : nil
    }

    /// May `actor` give `target` the system role `newRole`?
    public static func checkRoleChange(to newRole: SystemRole, by actor: Actor, on target: PolicyTarget) -> Denial? {
        if let denial = check(.changeSystemRole, by: actor, on: target) { return denial }
        if newRole > actor.systemRole { return .cannotGrantAbove(newRole) }
        return nil
    }

    /// May `actor` create an account with this role, optionally inside `org`?
    ///
    /// Accounts admins and org admins can't pick a system role: their new users get
    /// the default for the account kind.
    public static func checkCreate(role: SystemRole, kind: AccountKind, inOrg org: OrgID?, by actor: Actor) -> Denial? {
        if actor.isReadOnly { return .readOnlyActor }
        if role > actor.systemRole { return .cannotGrantAbove(role) }
        let mayChooseRole = actor.systemRole >= .operationsAdmin
        if !mayChooseRole && role != defaultRole(for: kind) { return .notPermitted(.changeSystemRole) }
        if actor.systemRole.administersAccounts { return nil }
        if let org, actor.isOrgAdmin(of: org) { return nil }
        return .notPermitted(.create)
    }

    /// May `actor` create an ordinary account in `org` (nil: in no org)? The create form offers
    /// only such orgs, and says at once when there is none.
    public static func checkCreateOrdinary(inOrg org: OrgID?, by actor: Actor) -> Denial? {
        checkCreate(role: defaultRole(for: .standard), kind: .standard, inOrg: org, by: actor)
    }

    /// The system role a new account of this kind gets when nobody chooses one.
    public static func defaultRole(for kind: AccountKind) -> SystemRole {
        kind == .readOnly ? .readOnly : .standard
    }

    /// The last active administrator can't be deactivated, demoted, locked or deleted.
    ///
    /// - Parameter activeAdministrators: active administrators counted inside the same
    ///   write transaction as the change, so two racing removals can't both pass.
    public static func checkLastAdministrator(
        _ action: UserAction, on target: PolicyTarget, newRole: SystemRole? = nil, activeAdministrators: Int
    ) -> Denial? {
        guard target.systemRole == .administrator, target.status == .active, action.removesAdministrator else { return nil }
        if action == .changeSystemRole, newRole == .administrator { return nil }
        return activeAdministrators <= 1 ? .lastAdministrator : nil
    }

    /// The last active org admin of an org can't be removed, demoted, deactivated or deleted.
    public static func checkLastOrgAdmin(orgName: String, targetIsActiveOrgAdmin: Bool, activeOrgAdmins: Int) -> Denial? {
        guard targetIsActiveOrgAdmin, activeOrgAdmins <= 1 else { return nil }
        return .lastOrgAdmin(org: orgName)
    }

    /// May `actor` take an organization-level action? `org` is nil for `.create`.
    public static func check(_ action: OrgAction, by actor: Actor, org: OrgID?) -> Denial? {
        if actor.isReadOnly { return .readOnlyActor }
        switch action {
        case .manageMembers, .manageGroups:
            if actor.systemRole.administersAccounts { return nil }
            if let org, actor.isOrgAdmin(of: org) { return nil }
            return .orgNotPermitted(action)
        case .reviewMembers:
            // The org's own admins review their members; administrators may review any org.
            if actor.systemRole == .administrator { return nil }
            if let org, actor.isOrgAdmin(of: org) { return nil }
            return .orgNotPermitted(action)
        case .create, .rename, .lock, .unlock, .delete, .setLimits, .setMFARequired, .setReviewInterval:
            // Only administrators and operations admins change an org itself (its limits included).
            return actor.systemRole >= .operationsAdmin ? nil : .orgNotPermitted(action)
        }
    }

    /// Would one more member of this kind exceed the org's limit? Read-only users never count.
    public static func checkUserLimit(org: Org, kind: AccountKind, systemRole: SystemRole, headcount: OrgHeadcount) -> Denial? {
        if kind == .readOnly || systemRole == .readOnly { return nil }
        guard let limit = org.limit(for: kind) else { return nil }
        return headcount.count(of: kind) >= limit ? .orgUserLimit(org: org.name, kind: kind, limit: limit) : nil
    }

    /// System settings are for administrators alone.
    /// Sudo mode: a session's person who last proved it was them more than `minutes` ago is
    /// asked again. Actors without a session (the system, API keys) are not asked.
    public static func checkRecentAuthentication(_ actor: Actor, at now: Date, withinMinutes minutes: Int) -> Denial? {
        guard let at = actor.authenticatedAt else { return nil }
        return now.timeIntervalSince(at) > Double(minutes) * 60 ? .reauthenticationRequired(minutes: minutes) : nil
    }

    /// What only the person may do, or see: answer for their own password, MFA and terms, and
    /// list reset links. Never through an API key (a script holding their key is not them).
    public static func checkInPerson(_ actor: Actor) -> Denial? {
        actor.viaAPIKey ? .apiKeyCannotManageCredentials : nil
    }

    /// Whether the account behind an actor may act at all: it exists, is active, and is not
    /// locked by an administrator (a lockout after failed sign-ins doesn't end open sessions).
    public static func checkActorAvailable(status: AccountStatus?, lockedByAdmin: Bool) -> Denial? {
        status == .active && !lockedByAdmin ? nil : .actorUnavailable
    }

    /// Break-glass recovery, by whoever holds the database file, restores an administrator
    /// only: everyone else has an administrator to reset their password.
    public static func checkRecover(targetRole: SystemRole) -> Denial? {
        targetRole == .administrator ? nil
            : .administratorsOnly("be recovered this way; sign in as an administrator and reset this user's password")
    }

    /// Sending an outbox message again: it may carry a reset link, a credential, so only
    /// administrators, and never through an API key.
    public static func checkMailRetry(by actor: Actor) -> Denial? {
        if actor.isReadOnly { return .readOnlyActor }
        if actor.viaAPIKey { return .apiKeyCannotManageCredentials }
        return actor.systemRole == .administrator ? nil : .administratorsOnly("send mail again")
    }

    /// System settings are for administrators alone, and never through an API key: they set
    /// the rules everyone else is held to (the sudo window, whether an SSH key alone signs in).
    /// With `at` and `reauthenticateMinutes`: the whole decision, sudo mode included.
    public static func checkSettingsChange(by actor: Actor, at now: Date, reauthenticateMinutes minutes: Int) -> Denial? {
        checkSettingsChange(by: actor) ?? checkRecentAuthentication(actor, at: now, withinMinutes: minutes)
    }

    /// Lifting a protection (an account's or an org's MFA requirement) weakens it as resetting
    /// MFA does: never through an API key, and with a recent password or code.
    public static func checkLiftingProtection(by actor: Actor, at now: Date, reauthenticateMinutes minutes: Int) -> Denial? {
        if actor.viaAPIKey { return .apiKeyCannotManageCredentials }
        return checkSudo(.resetMFA, by: actor, at: now, reauthenticateMinutes: minutes)
    }

    public static func checkSettingsChange(by actor: Actor) -> Denial? {
        if actor.isReadOnly { return .readOnlyActor }
        if actor.viaAPIKey { return .apiKeyCannotChangeSettings }
        return actor.systemRole == .administrator ? nil : .administratorsOnly("change system settings")
    }
}
