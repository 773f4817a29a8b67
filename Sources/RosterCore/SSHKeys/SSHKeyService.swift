import Foundation

/// SSH public keys per account: registered and removed by the account itself or by an admin
/// who may edit it, and looked up by fingerprint when sshd asks who a key belongs to.
public struct SSHKeyService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// Registers a public key (one line of a `.pub` file) for a user.
    public func add(_ line: String, to id: UserID, by actor: Actor) throws -> SSHKey {
        let parsed = try SSHPublicKey(line: line)
        return try UserService(stores: stores, environment: environment)
            .guarded(.manageSSHKeys, id, action: "ssh-key.add", expectedVersion: nil, by: actor) { tx, user, now in
                guard try tx.credentials.sshKey(fingerprint: parsed.fingerprint) == nil else { throw SSHKeyProblem.alreadyRegistered }
                let key = try tx.credentials.insertSSHKey(SSHKey(
                    id: nil, userId: user.id, fingerprint: parsed.fingerprint, type: parsed.algorithm.rawValue, bits: parsed.bits,
                    publicKey: parsed.blob.base64EncodedString(), comment: parsed.comment, createdAt: now, createdBy: actor.label,
                    lastUsedAt: nil))
                return (key, ["fingerprint": key.fingerprint, "type": key.typeLabel, "bits": String(key.bits)])
            }
    }

    /// A user's SSH keys, if `actor` may see them.
    public func keys(of user: UserID, by actor: Actor) throws -> [SSHKey] {
        try UserService(stores: stores, environment: environment)
            .readAbout(.sshKeys, user, action: "ssh-key.list", by: actor) { tx, _, user in try tx.credentials.sshKeys(for: user.id) }
    }

    /// Removes a key. Consoles and commands that came in with it end with it: their sessions
    /// are ended in the same transaction, so an open console closes at its next key.
    public func remove(_ keyId: Int64, by actor: Actor) throws -> SSHKey {
        let notFound = RosterError.notFound(kind: "SSH key", reference: String(keyId), hint: "List the ids with `roster users ssh-keys list USER`.")
        guard let key = try stores.read({ tx in try tx.credentials.sshKey(keyId) }) else { throw notFound }
        return try UserService(stores: stores, environment: environment)
            .guarded(.manageSSHKeys, key.userId, action: "ssh-key.remove", expectedVersion: nil, notFound: notFound, by: actor) { tx, _, now in
                guard try tx.credentials.sshKey(keyId) != nil else { throw RosterError.unchanged("that key was removed meanwhile.") }
                try tx.credentials.deleteSSHKey(keyId)
                let ended = try tx.sessions.endAll(signedInWith: key.fingerprint, at: now, reason: "ssh key removed")
                return (key, ["fingerprint": key.fingerprint, "sessionsEnded": String(ended)])
            }
    }

    /// sshd's question (`AuthorizedKeysCommand … %t %k`): the registered key and its account,
    /// when the account may come in now (active, not locked); nil for anything else. Only reads.
    public func authorizedKey(type: String, base64: String) throws -> AuthorizedSSHKey? {
        guard let presented = try? SSHPublicKey(type: type, base64: base64) else { return nil }
        let now = environment.now()
        return try stores.read { tx in
            guard let key = try tx.credentials.sshKey(fingerprint: presented.fingerprint), key.type == type,
                  let user = try tx.users.find(key.userId), user.status == .active, !user.lock(at: now).isLocked,
                  user.kind != .service else { return nil }
            return AuthorizedSSHKey(key: key, email: user.email.value)
        }
    }
}
