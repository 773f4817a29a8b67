import Foundation
import RosterCore

/// What a change will do, said in concrete terms before the operator confirms it
/// ("Deactivate Ana Souza? 3 sessions will end, 2 API keys will be revoked.").
enum ChangeWording {
    static func dialog(_ change: DrawerAction.Change, for detail: UserDetail) -> ConfirmDialog<UserConfirmation> {
        let user = detail.profile
        let name = "\(user.fullName) (\(user.email))"
        let sessions = detail.sessions.map { count($0.count, "session") }
        let keys = detail.apiKeys.map { count($0.filter { $0.revokedAt == nil }.count, "API key") }
        let action: BulkAction
        let title: String
        let label: String
        var lines: [String]
        switch change {
        case .delete:
            // Irreversible, and not a bulk action: its own dialog, with the email to type.
            return ConfirmDialog(.delete(user.id, expectedVersion: user.version), title: "Delete user",
                                 message: ["Delete \(name) for good? This can't be undone: "
                                    + "\(sessions.map { "\($0) end" } ?? "their sessions end"), and "
                                    + "\(keys ?? "their API keys") and \(count(user.memberships.count, "membership")) go with the account. "
                                    + "Audit rows stay; deactivating is reversible."],
                                 confirmLabel: "Delete", mustType: user.email.value)
        case .lockOrUnlock where user.lockedByAdmin:
            (action, title, label) = (.unlock, "Unlock account", "Unlock")
            lines = ["Unlock \(name)? They can sign in again; any lockout after failed sign-ins is cleared too."]
        case .lockOrUnlock:
            (action, title, label) = (.lock, "Lock account", "Lock")
            lines = ["Lock \(name)? They can't sign in until an administrator unlocks them."
                + (sessions.map { " \($0) will end." } ?? " Their sessions will end.")]
        case .deactivateOrReactivate where user.status == .deactivated:
            (action, title, label) = (.reactivate, "Reactivate account", "Reactivate")
            lines = ["Reactivate \(name)? They can sign in again. Ended sessions and revoked API keys stay ended."]
        case .deactivateOrReactivate:
            (action, title, label) = (.deactivate, "Deactivate account", "Deactivate")
            let what = [sessions.map { "\($0) will end" }, keys.map { "\($0) will be revoked" }].compactMap { $0 }
            lines = ["Deactivate \(name)? " + (what.isEmpty ? "Their sessions end and their API keys are revoked."
                                                          : what.joined(separator: ", ") + ", and their IP rules removed.")]
        case .endSessions:
            (action, title, label) = (.endSessions, "End sessions", "End sessions")
            lines = ["End \(sessions.map { "the \($0)" } ?? "every session") of \(name)? They are signed out everywhere."]
        case .requirePasswordChange:
            (action, title, label) = (.requirePasswordChange, "Require a password change", "Require")
            lines = ["Make \(name) choose a new password at their next sign-in?"]
        case .temporaryPassword:
            return ConfirmDialog(.task(.temporaryPassword, user.id), title: "Temporary password",
                                 message: ["Give \(name) a generated temporary password? Their current password stops working"
                                    + (sessions.map { ", \($0) will end" } ?? ", their sessions end")
                                    + ", and they must choose a new one at next sign-in. It is shown to you once: hand it over by a safe channel."],
                                 confirmLabel: "Generate")
        case .resetLink:
            return ConfirmDialog(.task(.resetLink, user.id), title: "Password reset link",
                                 message: ["Mail \(name) a single-use link to choose a new password? Earlier links stop working. "
                                    + "Their current password keeps working until they use it."],
                                 confirmLabel: "Send link")
        case .accountInfo:
            return ConfirmDialog(.task(.accountInfo, user.id), title: "Send account info",
                                 message: ["Mail \(name) their login and a link to set a password, valid 24 hours? Earlier links stop working."],
                                 confirmLabel: "Send")
        case .newAPIKey, .editProfile, .changeRole, .addToOrg, .changeMembership, .revokeKey, .endSession, .addIPRule, .removeIPRule,
             .setAvatar, .clearAvatar, .elevate, .endElevation:
            // A form asks for name, scope and expiry first (APIKeyForm); this is never reached.
            return ConfirmDialog(.task(.createAPIKey(name: "", scope: .read, expiresInDays: nil), user.id), title: "New API key",
                                 message: [], confirmLabel: "Create")
        case .resetMFA:
            (action, title, label) = (.resetMFA, "Reset MFA", "Reset MFA")
            lines = ["Reset MFA for \(name)? Their authenticator and \(count(detail.recoveryCodesLeft, "recovery code")) stop working"
                + (sessions.map { ", \($0) will end" } ?? ", their sessions end") + "; they enroll again if policy requires it."]
        }
        return ConfirmDialog(.change(action, user.id, expectedVersion: user.version), title: title, message: lines,
                             confirmLabel: label)
    }

    /// The policy action a key means for this user as they are now.
    static func userAction(_ change: DrawerAction.Change, for detail: UserDetail) -> UserAction {
        switch change {
        case .lockOrUnlock: detail.profile.lockedByAdmin ? .unlock : .lock
        case .deactivateOrReactivate: detail.profile.status == .deactivated ? .reactivate : .deactivate
        case .endSessions: .endSessions
        case .requirePasswordChange: .requirePasswordChange
        case .resetMFA: .resetMFA
        case .delete: .delete
        case .temporaryPassword, .resetLink, .accountInfo: .resetPassword
        case .newAPIKey: .manageAPIKeys
        case .editProfile, .setAvatar, .clearAvatar: .updateProfile
        case .changeRole: .changeSystemRole
        case .addToOrg, .changeMembership: .updateProfile
        case .revokeKey: .manageAPIKeys
        case .endSession: .endSessions
        case .addIPRule, .removeIPRule: .manageIPRules
        case .elevate: .elevate
        case .endElevation: .endElevation
        }
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
