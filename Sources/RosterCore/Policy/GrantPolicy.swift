import Foundation

/// What an account is given: a system role, or an org role in one org.
public enum Grant: Sendable, Equatable {
    case systemRole(SystemRole)
    case orgRole(OrgRole)

    /// Power over other accounts or the system: a system role above Standard user, or org
    /// admin of an org (an org admin resets members' passwords and MFA).
    public var isPower: Bool {
        switch self {
        case .systemRole(let role): role > .standard
        case .orgRole(let role): role == .orgAdmin
        }
    }
}

extension Policy {
    /// May `actor` give `grant` now? Checked on top of the rank and scope rules, wherever a
    /// role is given: creating an account, changing its system role, adding it to an org or
    /// changing its org role, importing, and in bulk.
    ///
    /// A grant of power is a credential in all but name: whoever holds it can reset other
    /// people's passwords. So, like the credential actions, it is never taken through an API
    /// key (a leaked key must not mint administrators), and a session's person must have
    /// proved it was them in the last `minutes` (sudo mode).
    ///
    /// `aboveDefaultFor`: when creating an account of this kind, a system role above the kind's
    /// default is a grant too and asks for sudo mode (a read-only account made Standard).
    public static func checkGrant(_ grant: Grant, aboveDefaultFor kind: AccountKind? = nil, by actor: Actor,
                                  at now: Date, reauthenticateMinutes minutes: Int) -> Denial? {
        if grant.isPower, actor.viaAPIKey { return .apiKeyCannotGrantPower }
        return grantAsksForSudo(grant, aboveDefaultFor: kind) ? checkRecentAuthentication(actor, at: now, withinMinutes: minutes) : nil
    }

    /// Does giving `grant` ask for a recent password or code? Front ends ask before acting.
    public static func grantAsksForSudo(_ grant: Grant, aboveDefaultFor kind: AccountKind? = nil) -> Bool {
        if grant.isPower { return true }
        if case .systemRole(let role) = grant, let kind { return role > defaultRole(for: kind) }
        return false
    }

    /// Through an API key a new account gets no password anyone could read: a link to set one,
    /// mailed to the account, or none at all (service accounts). A script holding a key must
    /// not come away with a login.
    public static func checkNewPassword(_ password: NewUser.Password, kind: AccountKind, by actor: Actor) -> Denial? {
        guard actor.viaAPIKey, kind != .service else { return nil }
        switch password {
        case .typed, .generated: return .apiKeyCannotSetPassword
        case .none, .accountInfoLink: return nil
        }
    }

    /// The whole decision on one user action, in the order every service asks it: hidden
    /// targets are not found; then rank, scope and self (`check`); then what the service knows
    /// of the target's state (`also`: the last administrator, the org's lock…); then sudo mode.
    /// `reauthenticateMinutes` and `also` are asked only when the earlier rules allowed.
    public static func checkUserAction(_ action: UserAction, by actor: Actor, on target: PolicyTarget, notFound: RosterError,
                                       at now: Date, reauthenticateMinutes: () throws -> Int,
                                       also: () throws -> Denial? = { nil }) rethrows -> Denial? {
        if let denial = checkVisible(target, by: actor, notFound: notFound) ?? check(action, by: actor, on: target) { return denial }
        if let denial = try also() { return denial }
        guard action.needsRecentAuthentication, actor.authenticatedAt != nil else { return nil }
        return checkSudo(action, by: actor, at: now, reauthenticateMinutes: try reauthenticateMinutes())
    }

    /// Sudo mode for user actions: passwords, MFA, roles, keys, IP rules, deleting.
    public static func checkSudo(_ action: UserAction, by actor: Actor, at now: Date, reauthenticateMinutes minutes: Int) -> Denial? {
        action.needsRecentAuthentication ? checkRecentAuthentication(actor, at: now, withinMinutes: minutes) : nil
    }
}
