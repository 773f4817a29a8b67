import Crypto
import Foundation

/// A new API key: the full key is in `secret` and is shown once.
public struct CreatedAPIKey: Sendable, Equatable {
    public var key: APIKey
    /// `rst_<prefix>_<secret>`: the only time it exists in clear.
    public var secret: String
}

/// API keys: created, renewed and revoked, for any user incl. API users, expiring after set days.
public struct APIKeyService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment
    static let prefixAlphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// Creates a key for a user (the actor's own, or one they may manage).
    /// - Parameter expiresInDays: nil uses the system default; 0 means never.
    public func create(for id: UserID, name rawName: String, scope: APIKey.Scope, expiresInDays: Int? = nil, by actor: Actor) throws -> CreatedAPIKey {
        let name = try Field.name(rawName, "Key name")
        if let days = expiresInDays, !(0...3650).contains(days) {
            throw RosterError.invalidSetting(key: "expires-in-days", reason: "use 0 (never) to 3650.")
        }
        let prefix = RandomText.sample(Self.prefixAlphabet, count: 8, randomBytes: environment.randomBytes)
        let secret = Data(environment.randomBytes(32)).base64URL
        return try UserService(stores: stores, environment: environment)
            .guarded(.manageAPIKeys, id, action: "api-key.create", expectedVersion: nil, by: actor) { tx, user, now in
                let limit = try SettingsService.load(tx.settings).apiKeyExpiryDays
                let days = expiresInDays ?? limit
                // The setting is a ceiling, not only a default: no key outlives it.
                if limit > 0, days == 0 || days > limit {
                    throw RosterError.invalidSetting(key: "expires-in-days", reason: "keys expire within \(limit) days here (setting api-key.expiry-days); use 1 to \(limit).")
                }
                let key = try tx.credentials.insertAPIKey(APIKey(
                    id: nil, userId: user.id, name: name, prefix: prefix, secretHash: Self.hash(secret), scope: scope,
                    createdAt: now, createdBy: actor.label,
                    expiresAt: days == 0 ? nil : now.addingTimeInterval(Double(days) * 86400), lastUsedAt: nil, revokedAt: nil))
                let details = ["name": name, "prefix": prefix, "scope": scope.rawValue, "expiresInDays": String(days)]
                return (CreatedAPIKey(key: key, secret: "rst_\(prefix)_\(secret)"), details)
            }
    }

    /// A user's API keys (prefixes and metadata, never secrets), if `actor` may see the user.
    public func keys(of user: UserID, by actor: Actor) throws -> [APIKey] {
        try UserService(stores: stores, environment: environment)
            .readAbout(.apiKeys, user, action: "api-key.list", by: actor) { tx, _, user in try tx.credentials.apiKeys(for: user.id) }
    }

    func keys(of user: UserID) throws -> [APIKey] {
        try stores.read { tx in try tx.credentials.apiKeys(for: user) }
    }

    /// Replaces a key with a new one of the same name and scope, in one transaction: the old
    /// key stops working as the new one (shown once) starts. The new key's lifetime is
    /// `expiresInDays`, else as long as the old key was given, within the setting's ceiling.
    public func renew(_ keyId: Int64, expiresInDays: Int? = nil, by actor: Actor) throws -> CreatedAPIKey {
        // Checked before the key is looked up, so the answer can't depend on whose key it is.
        if let days = expiresInDays, !(0...3650).contains(days) {
            throw RosterError.invalidSetting(key: "expires-in-days", reason: "use 0 (never) to 3650.")
        }
        guard let old = try stores.read({ tx in try tx.credentials.apiKey(keyId) }) else { throw Self.notFound(keyId) }
        let prefix = RandomText.sample(Self.prefixAlphabet, count: 8, randomBytes: environment.randomBytes)
        let secret = Data(environment.randomBytes(32)).base64URL
        return try UserService(stores: stores, environment: environment)
            .guarded(.manageAPIKeys, old.userId, action: "api-key.renew", expectedVersion: nil, notFound: Self.notFound(keyId),
                     by: actor) { tx, user, now in
                guard var current = try tx.credentials.apiKey(keyId), current.revokedAt == nil else {
                    throw RosterError.unchanged("that key is revoked; create a new one with `roster keys create`.")
                }
                let limit = try SettingsService.load(tx.settings).apiKeyExpiryDays
                let given = current.expiresAt.map { max(1, Int(($0.timeIntervalSince(current.createdAt) / 86400).rounded())) } ?? 0
                let days = expiresInDays ?? given
                if limit > 0, days == 0 || days > limit {
                    throw RosterError.invalidSetting(key: "expires-in-days", reason: "keys expire within \(limit) days here (setting api-key.expiry-days); use 1 to \(limit).")
                }
                current.revokedAt = now
                try tx.credentials.updateAPIKey(current)
                let key = try tx.credentials.insertAPIKey(APIKey(
                    id: nil, userId: user.id, name: current.name, prefix: prefix, secretHash: Self.hash(secret), scope: current.scope,
                    createdAt: now, createdBy: actor.label,
                    expiresAt: days == 0 ? nil : now.addingTimeInterval(Double(days) * 86400), lastUsedAt: nil, revokedAt: nil))
                let details = ["name": current.name, "oldPrefix": current.prefix, "prefix": prefix, "scope": current.scope.rawValue,
                               "expiresInDays": String(days)]
                return (CreatedAPIKey(key: key, secret: "rst_\(prefix)_\(secret)"), details)
            }
    }

    /// No key with this id, or one whose owner the actor may not see: told alike.
    static func notFound(_ keyId: Int64) -> RosterError {
        .notFound(kind: "API key", reference: String(keyId), hint: "List the ids with `roster keys list`.")
    }

    /// Revokes a key; requests with it fail from this moment.
    public func revoke(_ keyId: Int64, by actor: Actor) throws -> APIKey {
        guard let key = try stores.read({ tx in try tx.credentials.apiKey(keyId) }) else { throw Self.notFound(keyId) }
        return try UserService(stores: stores, environment: environment)
            .guarded(.manageAPIKeys, key.userId, action: "api-key.revoke", expectedVersion: nil, notFound: Self.notFound(keyId),
                     by: actor) { tx, _, now in
                guard var current = try tx.credentials.apiKey(keyId), current.revokedAt == nil else {
                    throw RosterError.unchanged("that key is already revoked.")
                }
                current.revokedAt = now
                try tx.credentials.updateAPIKey(current)
                return (current, ["prefix": current.prefix, "name": current.name])
            }
    }

    /// The actor an API key stands for. Fails alike for malformed, unknown, revoked and expired
    /// keys and for keys of deactivated or locked accounts; failures are audited with the IP.
    public func authenticate(_ presented: String, ip: String?) throws -> Actor {
        let result: Result<Actor, RosterError> = try stores.write { tx in
            let now = environment.now()
            let anonymous = Actor.anonymous("api-key", ip: ip)
            func refuse(_ reason: String, _ user: User?) throws -> Result<Actor, RosterError> {
                _ = try tx.audit.append(.failedAuthentication("auth.api-key", reason: reason, user: user), by: anonymous, at: now)
                return .failure(.apiKeyInvalid)
            }
            let parts = presented.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "_", maxSplits: 2)
            guard parts.count == 3, parts[0] == "rst", parts[1].count == 8 else { return try refuse("malformed", nil) }
            guard var key = try tx.credentials.apiKey(prefix: String(parts[1])) else { return try refuse("unknown-key", nil) }
            let user = try tx.users.find(key.userId)
            guard ConstantTime.equal(Self.hash(String(parts[2])), key.secretHash) else { return try refuse("wrong-secret", user) }
            guard key.isUsable(at: now) else { return try refuse(key.revokedAt != nil ? "revoked" : "expired", user) }
            // A throttle lock (failed password sign-ins) stops password sign-in only; an admin lock stops keys too.
            guard let user, user.status == .active, !user.lockedByAdmin else { return try refuse("account-unavailable", user) }
            guard try AuthService.ipAllowed(ip, for: user.id, in: tx) else { return try refuse("ip-not-allowed", user) }
            key.lastUsedAt = now
            try tx.credentials.updateAPIKey(key)
            var actor = Actor(identity: .user(user.id, user.email), systemRole: user.systemRole, kind: user.kind,
                              orgRoles: try tx.orgs.orgRoles(of: user.id), ip: ip)
            actor.readOnlyCredential = key.scope == .read
            actor.viaAPIKey = true
            return .success(actor)
        }
        return try result.get()
    }

    static func hash(_ secret: String) -> String {
        Data(SHA256.hash(data: Data(secret.utf8))).hex
    }

}
