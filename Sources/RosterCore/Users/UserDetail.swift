import Foundation

/// Everything the console's detail drawer shows about one user, read in one transaction.
/// Each part the reader may not see is nil, so the drawer can say so instead of hiding it.
public struct UserDetail: Sendable, Equatable {
    public var profile: UserProfile
    /// Unused recovery codes (a count, never the codes).
    public var recoveryCodesLeft: Int
    public var mfaEnrolledAt: Date?
    public var pendingResets: [PasswordReset]?
    public var sshKeys: [SSHKey]?
    public var apiKeys: [APIKey]?
    public var sessions: [Session]?
    public var ipRules: [IPRule]?
    /// The newest audit rows by or about the user that the reader may read.
    public var activity: [AuditEntry]?
    /// Why the reader may not take each of the drawer's actions on this user, from the same
    /// `Policy` the services ask (rank, own account, org rules); absent when they may. The
    /// services still check again, with what is stored then (last administrator and the like).
    public var refusals: [UserAction: String] = [:]
    /// Why the reader may not give the user each other system role (rank, own account).
    public var roleRefusals: [SystemRole: String] = [:]
    /// The avatar's format, size and preview, part of the profile.
    public var avatar: Avatar?

    /// The actions the drawer offers.
    public static let drawerActions: [UserAction] = [.updateProfile, .lock, .unlock, .deactivate, .reactivate, .endSessions,
                                                     .requirePasswordChange, .resetPassword, .resetMFA, .manageAPIKeys, .delete,
                                                     .elevate, .endElevation]

    /// How many activity rows the drawer reads.
    public static let activityLimit = 50
}

extension UserService {
    /// The detail drawer's read: the profile if `actor` may see the user (refused and audited
    /// otherwise, like `profile`), and each other part only where `Policy.checkRead` allows.
    /// One transaction, so the parts agree with each other.
    public func detail(of id: UserID, by actor: Actor) throws -> UserDetail {
        let now = environment.now()
        return try readAbout(.profile, id, action: "user.view", by: actor) { tx, actor, user in
            let target = try Self.policyTarget(user, in: tx, at: now)
            func part<T>(_ what: UserRead, _ read: () throws -> T) rethrows -> T? {
                Policy.checkRead(what, by: actor, on: target) == nil ? try read() : nil
            }
            let totp = try tx.credentials.totp(for: user.id)
            var detail = UserDetail(
                profile: try Self.profile(user, for: actor, in: tx, at: now),
                recoveryCodesLeft: try tx.credentials.recoveryCodes(for: user.id).filter { $0.usedAt == nil }.count,
                mfaEnrolledAt: totp?.confirmedAt,
                pendingResets: try part(.resets) { try tx.credentials.pendingResets(for: user.id, at: now) },
                sshKeys: try part(.sshKeys) { try tx.credentials.sshKeys(for: user.id) },
                apiKeys: try part(.apiKeys) { try tx.credentials.apiKeys(for: user.id) },
                sessions: try part(.sessions) { try tx.sessions.active(for: user.id) },
                ipRules: try part(.ipRules) { try tx.sessions.ipRules(for: user.id) },
                activity: try part(.activity) {
                    try tx.audit.recent(limit: UserDetail.activityLimit, target: user.id, visibleTo: Policy.auditVisibility(for: actor))
                })
            detail.avatar = try tx.users.avatar(of: user.id)
            for action in UserDetail.drawerActions {
                if let denial = Policy.check(action, by: actor, on: target) { detail.refusals[action] = denial.message }
            }
            // A reader who may not see roles gets one refusal for every role, the user's own
            // included: a picker with one role left open would show which one they hold.
            let roleHidden = Policy.checkRead(.systemRoles, by: actor)
            for role in SystemRole.allCases where role != user.systemRole || roleHidden != nil {
                if let denial = roleHidden ?? Policy.checkRoleChange(to: role, by: actor, on: target) { detail.roleRefusals[role] = denial.message }
            }
            if let roleHidden { detail.refusals[.changeSystemRole] = roleHidden.message }
            return detail
        }
    }
}
