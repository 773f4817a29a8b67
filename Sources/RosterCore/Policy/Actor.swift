import Foundation

/// Who is doing something: a signed-in account, or the break-glass identity of whoever
/// holds the database file. Every service call takes one, and the audit row names it.
public struct Actor: Sendable, Equatable {
    public enum Identity: Sendable, Equatable {
        /// A signed-in account.
        case user(UserID, Email)
        /// `roster init`, `roster recover` and the demo builder: whoever can write the database file.
        case system(String)
    }

    public var identity: Identity
    public var systemRole: SystemRole
    public var kind: AccountKind
    /// The orgs where the actor is org admin (or any other org role).
    public var orgRoles: [OrgID: OrgRole]
    /// The actor's IP (from SSH_CONNECTION / SSH_CLIENT), for the audit trail.
    public var ip: String?
    /// Signed in with a read-only API key: may look, may not change anything.
    public var readOnlyCredential = false
    /// Signed in with an API key: acts on data, never on passwords, MFA, recovery codes or keys.
    public var viaAPIKey = false
    /// The session the actor signed in with, when acting through one.
    public var sessionId: SessionID?
    /// The fingerprint of the SSH key the session signed in with: every audit row of an SSH
    /// session names it beside the address.
    public var sshKey: String?
    /// When the person behind the session last proved it was them (nil: not a session).
    public var authenticatedAt: Date?
    /// Carrying out this approved request as its second person: the change is made without
    /// asking for approval again. Set only by `ApprovalService.approve`.
    public internal(set) var approving: ApprovalID?

    public init(identity: Identity, systemRole: SystemRole, kind: AccountKind = .standard,
                orgRoles: [OrgID: OrgRole] = [:], ip: String? = nil) {
        self.identity = identity
        self.systemRole = systemRole
        self.kind = kind
        self.orgRoles = orgRoles
        self.ip = ip
    }

    /// The break-glass actor: administrator rank, no account of its own.
    public static func system(_ name: String, ip: String? = nil) -> Actor {
        Actor(identity: .system(name), systemRole: .administrator, ip: ip)
    }

    /// Someone not yet signed in (a sign-in, an API key, a reset link, an SSH key being tried):
    /// may do nothing, and the audit trail names the door they knocked on.
    public static func anonymous(_ channel: String, ip: String?) -> Actor {
        Actor(identity: .system(channel), systemRole: .readOnly, ip: ip)
    }

    public var userId: UserID? {
        if case .user(let id, _) = identity { return id }
        return nil
    }

    /// How the audit trail names the actor.
    public var label: String {
        switch identity {
        case .user(_, let email): email.value
        case .system(let name): "system:\(name)"
        }
    }

    public func isOrgAdmin(of org: OrgID) -> Bool { orgRoles[org] == .orgAdmin }

    /// Read-only roles and read-only accounts change nothing, whatever else they hold.
    public var isReadOnly: Bool { systemRole == .readOnly || kind == .readOnly || readOnlyCredential }
}
