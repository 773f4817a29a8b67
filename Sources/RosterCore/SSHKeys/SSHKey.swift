import Foundation

/// A public key registered to an account: sshd lets its holder in as that account
/// (`roster ssh authorized-keys`), and sessions opened with it name it in the audit trail.
public struct SSHKey: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var userId: UserID
    /// `SHA256:…`, unique: a key belongs to one account at most.
    public var fingerprint: String
    /// The OpenSSH key type (`ssh-ed25519`, …).
    public var type: String
    public var bits: Int
    /// The key's wire-format blob in base64, as authorized_keys carries it.
    public var publicKey: String
    public var comment: String
    public var createdAt: Date
    public var createdBy: String
    public var lastUsedAt: Date?

    /// What `ssh-keygen -l` calls the type: ED25519, ECDSA, RSA.
    public var typeLabel: String { SSHPublicKey.Algorithm(rawValue: type)?.label ?? type }
}

/// What sshd needs to let a key in: the key, and whether its account may use it now.
public struct AuthorizedSSHKey: Sendable, Equatable {
    public var key: SSHKey
    public var email: String
}
