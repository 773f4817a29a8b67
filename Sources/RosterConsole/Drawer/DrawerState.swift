import RosterCore
import RosterTerminal

/// The detail drawer for one user (Enter on the users table; Esc closes): tabs of what an
/// administrator sees about an account, read once and re-read on `r`.
public struct DrawerState: Equatable, Sendable {
    public enum Tab: Int, CaseIterable, Sendable {
        case profile, orgs, security, apiKeys, sessions, activity

        public var title: String {
            switch self {
            case .profile: "Profile"
            case .orgs: "Orgs"
            case .security: "Security"
            case .apiKeys: "API keys"
            case .sessions: "Sessions"
            case .activity: "Activity"
            }
        }
    }

    public var userId: UserID
    /// What the table showed, so the drawer has a title before its read lands.
    public var name: String
    public var email: String
    public var tab: Tab = .profile
    public var detail: UserDetail?
    public var error: String?
    /// First line of the tab shown (j/k scroll long tabs).
    public var scroll = 0
    /// Bumped on every read, so a late answer for another user or an older read is dropped.
    public var generation = 0
    /// A change waiting for the operator's yes.
    public var dialog: ConfirmDialog<UserConfirmation>?
    /// What the last change did, or why it was refused (`refused` true), until the next key.
    public var notice: String?
    public var noticeRefused = false
    /// A change is being made: keys wait for its answer.
    public var changing = false
    /// A read of the details is on its way (opened, `r`, someone else's change).
    public var reading = false
    /// A change key pressed while `reading`: it acts on the details as they land, not on
    /// the ones on screen, which may be about to be replaced.
    public var pendingChange: DrawerAction.Change?
    /// A form open over the drawer, and which.
    public var form: FormState?
    public var formKind: FormKind = .apiKey
    /// Choosing a new system role.
    public var rolePicker: RolePickerState?
    /// Choosing a key to revoke or a session to end.
    public var itemPicker: ItemPickerState?

    public enum FormKind: Equatable, Sendable {
        case apiKey
        case profile
        /// Adding to one of these orgs.
        case addMembership([CreateUserOptions.OrgChoice])
        case changeMembership
        case ipRule
        case avatar
        /// Lending one of these roles.
        case elevation([ElevatedRole])
    }
    /// Over SSH: no file on the server is read (an avatar comes through `users set-avatar … -`).
    public var overSSH = false
    /// A secret to copy now; gone for good when closed.
    public var secret: ShownSecret?

    public init(userId: UserID, name: String, email: String) {
        self.userId = userId
        self.name = name
        self.email = email
    }

    /// Asks for the details again; answers to earlier reads are dropped when they land.
    mutating func read() -> Effect {
        generation += 1
        reading = true
        return .loadDetail(generation: generation, user: userId)
    }

    /// Why `action` can't be taken now, from the same Policy the service asks (nil: it can,
    /// or the details are still loading and the key will say so).
    public func refusal(_ action: DrawerAction, readOnly: Bool) -> String? {
        guard case .change(let change) = action else { return nil }
        if readOnly { return "the console is read-only" }
        guard let detail else { return nil }
        return detail.refusals[ChangeWording.userAction(change, for: detail)]
    }
}

/// What a key does while the drawer is open.
public enum DrawerAction: Equatable, Sendable {
    case close
    case nextTab
    case previousTab
    case tab(DrawerState.Tab)
    case scroll(Int)
    case reload
    case change(Change)

    /// The changes a key starts; each asks first in a `ConfirmDialog`.
    public enum Change: Equatable, Sendable {
        case lockOrUnlock, deactivateOrReactivate, endSessions, requirePasswordChange, resetMFA, delete
        case temporaryPassword, resetLink, accountInfo
        /// Opens a form (name, scope, expiry) before its confirmation.
        case newAPIKey
        /// Opens the profile form.
        case editProfile
        /// Opens the role picker.
        case changeRole
        /// Opens a form to add them to an org, once the orgs are read.
        case addToOrg
        /// Opens a form to change an org role or end a membership.
        case changeMembership
        /// Opens a list of their keys, or sessions, to revoke or end one.
        case revokeKey, endSession
        /// A form for an address rule; a list of the rules to remove one.
        case addIPRule, removeIPRule
        /// A form for an image file's path; its confirmation says what the image is.
        case setAvatar, clearAvatar
        /// A form to lend a higher role for a while; ending the ones in force early.
        case elevate, endElevation
    }
}

extension DrawerAction {
    public static let keymap = Keymap<DrawerAction>("Details", id: "details", [
        Binding(id: "close", [.escape], "close", footer: true, .close),
        Binding(id: "next-tab-1-6-pick-one", [.tab, .right, "l"], "next tab (1–6 pick one)", .nextTab),
        Binding(id: "previous-tab", [.backTab, .left, "h"], "previous tab", .previousTab),
        Binding(id: "profile", ["1"], "Profile", .tab(.profile)),
        Binding(id: "orgs", ["2"], "Orgs", .tab(.orgs)),
        Binding(id: "security", ["3"], "Security", .tab(.security)),
        Binding(id: "api-keys", ["4"], "API keys", .tab(.apiKeys)),
        Binding(id: "sessions", ["5"], "Sessions", .tab(.sessions)),
        Binding(id: "activity", ["6"], "Activity", .tab(.activity)),
        Binding(id: "scroll-down", ["j", .down], "scroll down", .scroll(1)),
        Binding(id: "scroll-up", ["k", .up], "scroll up", .scroll(-1)),
        Binding(id: "read-again", ["r", .control("l")], "read again", .reload),
        Binding(id: "edit-profile", ["e"], "edit profile", also: ["rename", "name"], .change(.editProfile)),
        Binding(id: "change-system-role", ["R"], "change system role", also: ["promote", "demote", "admin"], .change(.changeRole)),
        Binding(id: "set-avatar", ["v"], "set the avatar from a PNG or JPEG file", short: "set avatar", .change(.setAvatar)),
        Binding(id: "clear-the-avatar", ["C"], "clear the avatar", .change(.clearAvatar)),
        Binding(id: "add-to-an-organization", ["o"], "add to an organization", .change(.addToOrg)),
        Binding(id: "change-an-org-role-or-remove-from-an-org", ["O"], "change an org role, or remove from an org", .change(.changeMembership)),
        Binding(id: "lock-unlock", ["L"], "lock/unlock", footer: true, also: ["lock", "unlock", "block"], .change(.lockOrUnlock)),
        Binding(id: "de-activate", ["D"], "(de)activate", footer: true,
                also: ["deactivate", "reactivate", "activate", "disable", "enable", "offboard"], .change(.deactivateOrReactivate)),
        Binding(id: "end-all-sessions", ["E"], "end all sessions", also: ["sign out", "log out", "logout", "kick"], .change(.endSessions)),
        Binding(id: "end-one-session", ["S"], "end one session", .change(.endSession)),
        Binding(id: "revoke-one-api-key", ["V"], "revoke one API key", .change(.revokeKey)),
        Binding(id: "add-ip-rule", ["a"], "allow sign-in only from an address (IP rule)", short: "add IP rule", .change(.addIPRule)),
        Binding(id: "remove-an-ip-rule", ["A"], "remove an IP rule", .change(.removeIPRule)),
        Binding(id: "require-a-password-change", ["P"], "require a password change", .change(.requirePasswordChange)),
        Binding(id: "reset-mfa-lost-device", ["M"], "reset MFA (lost device)", also: ["2fa", "totp", "authenticator"], .change(.resetMFA)),
        Binding(id: "temporary-password-shown-once", ["T"], "temporary password (shown once)", also: ["reset password"], .change(.temporaryPassword)),
        Binding(id: "mail-a-password-reset-link", ["W"], "mail a password reset link", also: ["reset password", "forgot"], .change(.resetLink)),
        Binding(id: "mail-account-info-login-set-password-link", ["I"], "mail account info (login, set-password link)", .change(.accountInfo)),
        Binding(id: "new-api-key-shown-once", ["K"], "new API key (shown once)", .change(.newAPIKey)),
        Binding(id: "lend-a-higher-role-for-a-while", ["U"], "lend a higher role for a while (elevate)", short: "elevate",
                also: ["elevate", "sudo", "temporary role", "break glass", "promote"], .change(.elevate)),
        Binding(id: "end-an-elevation-early", ["u"], "end a lent role early", also: ["end elevation", "demote"], .change(.endElevation)),
        Binding(id: "delete-for-good-type-the-email-to-confirm", ["X"], "delete for good (type the email to confirm)", .change(.delete)),
    ])
}
