import Crypto
import Foundation

/// A successful sign-in: the session token is shown to the client once and stored only as a hash.
public struct SignIn: Sendable {
    public var token: String
    public var session: Session
    public var user: User
}

/// Signing in and out, resolving a session token to an actor, and ending sessions.
public struct AuthService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// Checks email and password and opens a session.
    ///
    /// Every failure (unknown email, wrong password, locked, deactivated, service account)
    /// gives the same `signInFailed` and takes the same time: a password is always hashed.
    /// Failures are audited with the caller's IP.
    public func signIn(email rawEmail: String, password: String, code: String? = nil, ip: String?, client: String?) throws -> SignIn {
        let hasher = environment.passwordHasher
        let email = try? Email(rawEmail)
        let result: Result<SignIn, RosterError> = try stores.write { tx in
            let now = environment.now()
            let settings = try SettingsService.load(tx.settings)
            let user = try email.flatMap { try tx.users.find(email: $0) }
            let anonymous = Actor.anonymous("sign-in", ip: ip)
            let source = try ip.map { try tx.sessions.signInSource($0) ?? .fresh($0, at: now) }
            // A source past its limit is refused before any account is looked at or counted,
            // and takes as long as any other attempt.
            if let source, source.isBlocked(at: now) {
                hasher.burnVerification(password)
                _ = try tx.audit.append(.failedAuthentication("auth.sign-in", reason: "source-throttled", user: user,
                                                               target: email?.value ?? "(not an email)",
                                                               details: ["blockedUntil": MailTemplates.iso(source.blockedUntil ?? now)]),
                                        by: anonymous, at: now)
                return .failure(.signInFailed)
            }
            func countSourceFailure() throws {
                if let source { try tx.sessions.saveSignInSource(source.failing(at: now, settings: settings)) }
            }
            guard var user, let hash = user.passwordHash else {
                hasher.burnVerification(password)
                try countSourceFailure()
                _ = try tx.audit.append(.failedAuthentication("auth.sign-in", reason: "unknown-account", user: nil,
                                                                       // What was typed may be a password in the wrong field: kept only when it is an email.
                                                                       target: email?.value ?? "(not an email)"),
                                        by: anonymous, at: now)
                return .failure(.signInFailed)
            }
            let passwordMatches = hasher.verify(password, against: hash)
            let refusal: String? =
                !passwordMatches ? "wrong-password"
                : user.status != .active ? "deactivated"
                : user.lock(at: now).isLocked ? "locked"
                : user.kind == .service ? "service-account"
                : try !Self.ipAllowed(ip, for: user.id, in: tx) ? "ip-not-allowed"
                : nil
            let actor = Actor(identity: .user(user.id, user.email), systemRole: user.systemRole, kind: user.kind, ip: ip)
            var secondFactor: String?
            if let refusal {
                if !passwordMatches {
                    user = try Self.countFailure(user, settings: settings, at: now, in: tx)
                    try countSourceFailure()
                }
                var details: [String: String] = [:]
                if case .until(let until) = user.lock(at: now) { details["lockedUntil"] = MailTemplates.iso(until) }
                _ = try tx.audit.append(.failedAuthentication("auth.sign-in", reason: refusal, user: user, details: details),
                                        by: actor, at: now)
                return .failure(.signInFailed)
            }
            if user.mfaEnabled {
                guard let code, !code.isEmpty else {
                    _ = try tx.audit.append(.failedAuthentication("auth.sign-in", reason: "mfa-code-required", user: user), by: actor, at: now)
                    return .failure(.mfaCodeRequired)
                }
                guard let factor = try MFAService.verifySecondFactor(code, for: user, in: tx, box: environment.secrets(), at: now) else {
                    user = try Self.countFailure(user, settings: settings, at: now, in: tx)
                    _ = try tx.audit.append(.failedAuthentication("auth.sign-in", reason: "wrong-mfa-code", user: user), by: actor, at: now)
                    return .failure(.invalidCode)
                }
                secondFactor = factor
            }
            user.failedSignIns = 0
            user.lockedUntil = nil
            user.lastSignInAt = now
            if hasher.needsRehash(hash) {
                user.passwordHash = try hasher.hash(password, salt: environment.randomBytes(16))
            }
            user = try tx.users.update(user, expectedVersion: user.version)
            let token = "rss_" + Data(environment.randomBytes(32)).base64URL
            let session = try tx.sessions.insert(user: user.id, tokenHash: Self.hashToken(token), at: now, ip: ip, client: client, sshKey: nil)
            var details = ["session": String(session.id.rawValue)]
            if let secondFactor { details["secondFactor"] = secondFactor }
            _ = try tx.audit.append(.user("auth.sign-in", user, details: details), by: actor, at: now)
            return .success(SignIn(token: token, session: session, user: user))
        }
        return try result.get()
    }

    /// Counts a failed sign-in; past the threshold the account locks for a time that doubles
    /// from the base up to the maximum (a lockout in force isn't extended by more tries).
    static func countFailure(_ user: User, settings: SystemSettings, at now: Date, in tx: StoreTransaction) throws -> User {
        guard user.lock(at: now) == .unlocked else { return user }
        var user = user
        user.failedSignIns += 1
        if user.failedSignIns >= settings.lockoutThreshold {
            let steps = user.failedSignIns - settings.lockoutThreshold
            let minutes = min(settings.lockoutMaximumMinutes, settings.lockoutBaseMinutes << min(steps, 16))
            user.lockedUntil = now.addingTimeInterval(Double(minutes) * 60)
        }
        return try tx.users.update(user, expectedVersion: user.version)
    }

    /// The steps the account must take first (`Policy.pendingSteps`): a required password
    /// change, MFA enrollment when the account, its orgs or the system require MFA and it has
    /// none, and the terms of service. Until they are taken, every other call is refused.
    func pendingSteps(for id: UserID) throws -> [PendingStep] {
        try stores.read { tx in
            guard let user = try tx.users.find(id) else { return [] }
            return try UserService.pendingSteps(of: user, in: tx)
        }
    }

    /// The actor a session token stands for, or `sessionEnded` with the reason.
    /// Marks the session as seen now (`activity`) and ends it when idle past the smaller of the
    /// user's and the system's limit, or older than the session lifetime.
    ///
    /// The console asks this on every keystroke and every page, so the common case only reads:
    /// the session is written (a commit, a disk sync) when it must end, or when `activity`
    /// finds it last seen more than `touchInterval` ago; idle limits are whole minutes.
    public func actor(forToken token: String, ip: String?, activity: Bool = true) throws -> Actor {
        let now = environment.now()
        let verdict = try stores.read { tx in try Self.examine(token, ip: ip, activity: activity, in: tx, at: now) }
        switch verdict {
        case .valid(let actor, touch: false):
            return actor
        case .valid(let actor, touch: true):
            try stores.write { tx in
                if let id = actor.sessionId { try tx.sessions.touch(id, at: now) }
            }
            return actor
        case .refused(let error, end: nil):
            throw error
        case .refused(let error, end: let (id, reason)?):
            try stores.write { tx in
                if let session = try tx.sessions.find(id), session.isOpen { try tx.sessions.end(id, at: now, reason: reason) }
            }
            throw error
        }
    }

    /// Sessions seen within this many seconds are not written again on activity.
    static let touchInterval: TimeInterval = 30

    enum SessionVerdict {
        case valid(Actor, touch: Bool)
        /// Refused; `end` names the open session to end, and why.
        case refused(RosterError, end: (SessionID, String)?)
    }

    static func examine(_ token: String, ip: String?, activity: Bool, in tx: StoreTransaction, at now: Date) throws -> SessionVerdict {
        guard let session = try tx.sessions.find(tokenHash: hashToken(token)) else { return .refused(.sessionExpired, end: nil) }
        // The account first: deactivating or locking it also ends its sessions, and the
        // person should hear the cause, not only that the session is gone.
        guard let user = try tx.users.find(session.userId), user.status == .active, !user.lockedByAdmin else {
            return .refused(.sessionEnded(.accountUnavailable), end: session.isOpen ? (session.id, "account unavailable") : nil)
        }
        guard session.isOpen else { return .refused(.sessionEnded(.ended), end: nil) }
        // A rule added after sign-in applies to the open session at its next use.
        guard try ipAllowed(ip, for: user.id, in: tx) else { return .refused(.sessionEnded(.ended), end: (session.id, "ip not allowed")) }
        let settings = try SettingsService.load(tx.settings)
        if now.timeIntervalSince(session.createdAt) > Double(settings.sessionLifetimeHours) * 3600 {
            return .refused(.sessionEnded(.lifetime), end: (session.id, "lifetime"))
        }
        if let idleMinutes = settings.idleMinutes(for: user), now.timeIntervalSince(session.lastSeenAt) > Double(idleMinutes) * 60 {
            return .refused(.sessionEnded(.idle), end: (session.id, "idle"))
        }
        // With the roles lent to them now, as every service call re-reads them: the console's
        // title bar, columns and approval count follow an elevation from its first key.
        let roles = try UserService.currentRoles(of: user, in: tx, at: now)
        var actor = Actor(identity: .user(user.id, user.email), systemRole: roles.systemRole, kind: user.kind, orgRoles: roles.orgRoles, ip: ip)
        actor.sessionId = session.id
        actor.sshKey = session.sshKey
        actor.authenticatedAt = session.authenticatedAt ?? session.createdAt
        return .valid(actor, touch: activity && now.timeIntervalSince(session.lastSeenAt) >= touchInterval)
    }

    /// Ends the session behind a token (sign-out). Unknown tokens are ignored.
    public func signOut(token: String) throws {
        try stores.write { tx in
            let now = environment.now()
            guard let session = try tx.sessions.find(tokenHash: Self.hashToken(token)), session.isOpen,
                  let user = try tx.users.find(session.userId) else { return }
            try tx.sessions.end(session.id, at: now, reason: "signed out")
            let actor = Actor(identity: .user(user.id, user.email), systemRole: user.systemRole, ip: session.ip)
            _ = try tx.audit.append(.user("auth.sign-out", user), by: actor, at: now)
        }
    }

    /// A user's open sessions, if `actor` may see the user.
    public func sessions(of user: UserID, by actor: Actor) throws -> [Session] {
        try UserService(stores: stores, environment: environment)
            .readAbout(.sessions, user, action: "session.list", by: actor) { tx, _, user in try tx.sessions.active(for: user.id) }
    }

    func sessions(of user: UserID) throws -> [Session] {
        try stores.read { tx in try tx.sessions.active(for: user) }
    }

    /// Ends every open session of a user, as an admin.
    public func endAllSessions(of id: UserID, by actor: Actor) throws -> Int {
        try UserService(stores: stores, environment: environment)
            .guarded(.endSessions, id, action: "session.end-all", expectedVersion: nil, by: actor) { tx, _, now in
                let ended = try tx.sessions.endAll(for: id, at: now, reason: "ended by \(actor.label)")
                return (ended, ["sessionsEnded": String(ended)])
            }
    }

    /// Ends one session of a user (the "Delete" beside each of their sessions).
    public func endSession(_ sessionId: SessionID, by actor: Actor) throws {
        guard let session = try stores.read({ tx in try tx.sessions.find(sessionId) }), session.isOpen else {
            throw RosterError.sessionNotFound
        }
        _ = try UserService(stores: stores, environment: environment)
            .guarded(.endSessions, session.userId, action: "session.end", expectedVersion: nil, notFound: .sessionNotFound,
                     by: actor) { tx, _, now in
                try tx.sessions.end(sessionId, at: now, reason: "ended by \(actor.label)")
                return ((), ["session": String(sessionId.rawValue), "ip": session.ip ?? "", "client": session.client ?? ""])
            }
    }

    /// Adds an IP allow rule for a user (a CIDR such as 203.0.113.0/24).
    public func addIPRule(_ cidr: String, for id: UserID, by actor: Actor) throws -> IPRule {
        guard IPRuleFormat.isValid(cidr) else {
            throw RosterError.unknownValue(kind: "CIDR", value: cidr, allowed: ["an address with a prefix, such as 203.0.113.0/24 or 2001:db8::/32"])
        }
        return try UserService(stores: stores, environment: environment)
            .guarded(.manageIPRules, id, action: "ip-rule.add", expectedVersion: nil, by: actor) { tx, _, now in
                (try tx.sessions.addIPRule(cidr, for: id, at: now), ["cidr": cidr])
            }
    }

    /// A user's IP allow rules, if `actor` may see the user.
    public func ipRules(of user: UserID, by actor: Actor) throws -> [IPRule] {
        try UserService(stores: stores, environment: environment)
            .readAbout(.ipRules, user, action: "ip-rule.list", by: actor) { tx, _, user in try tx.sessions.ipRules(for: user.id) }
    }

    /// The steps the actor's own account must take first.
    public func pendingSteps(by actor: Actor) throws -> [PendingStep] {
        guard let id = actor.userId else { return [] }
        return try pendingSteps(for: id)
    }

    /// Removes one of a user's IP allow rules.
    public func removeIPRule(_ ruleId: Int64, of id: UserID, by actor: Actor) throws {
        try UserService(stores: stores, environment: environment)
            .guarded(.manageIPRules, id, action: "ip-rule.remove", expectedVersion: nil, by: actor) { tx, _, _ in
                guard try tx.sessions.removeIPRule(ruleId, of: id) else {
                    throw RosterError.notFound(kind: "IP rule", reference: String(ruleId), hint: "List the ids with `roster users ip-rules list USER`.")
                }
                return ((), ["rule": String(ruleId)])
            }
    }

    /// Whether `ip` may sign in as `user`: with no rules, from anywhere; with rules, only from
    /// an address one of them matches (and never without a known address).
    static func ipAllowed(_ ip: String?, for user: UserID, in tx: StoreTransaction) throws -> Bool {
        let rules = try tx.sessions.ipRules(for: user)
        guard !rules.isEmpty else { return true }
        guard let ip else { return false }
        return rules.contains { IPRuleFormat.matches($0.cidr, address: ip) }
    }

    func ipRules(of user: UserID) throws -> [IPRule] {
        try stores.read { tx in try tx.sessions.ipRules(for: user) }
    }

    /// Ends every open session of a user, revokes their API keys and removes their SSH keys,
    /// inside the caller's transaction: what a password reset, MFA reset, recovery,
    /// deactivation or deletion does to whoever held the old credentials (a key planted while
    /// someone else held the account must not outlive its recovery). Returns the counts for
    /// the audit row.
    static func endAccess(of user: UserID, reason: String, in tx: StoreTransaction, at now: Date) throws -> [String: String] {
        let ended = try tx.sessions.endAll(for: user, at: now, reason: reason)
        let revoked = try tx.credentials.revokeAPIKeys(for: user, at: now)
        let removed = try tx.credentials.deleteSSHKeys(for: user)
        return ["sessionsEnded": String(ended), "apiKeysRevoked": String(revoked), "sshKeysRemoved": String(removed)]
    }

    static func hashToken(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hex
    }
}

/// Checks CIDR notation for IPv4 and IPv6, and whether an address falls in a range.
/// IP allow rules as CIDRs: checked when one is added (and by forms before that).
public enum IPRuleFormat {
    /// Whether `address` lies in `cidr`; false for anything malformed or of the other family.
    static func matches(_ cidr: String, address: String) -> Bool {
        let parts = cidr.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), let network = bytes(String(parts[0])),
              let candidate = bytes(address.trimmingCharacters(in: .whitespaces)), network.count == candidate.count,
              (0...network.count * 8).contains(prefix) else { return false }
        for bit in 0..<prefix {
            let mask = UInt8(0x80) >> UInt8(bit % 8)
            if network[bit / 8] & mask != candidate[bit / 8] & mask { return false }
        }
        return true
    }

    /// The address's bytes: 4 for IPv4, 16 for IPv6 (an IPv4-mapped IPv6 address counts as IPv4).
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let all = withUnsafeBytes(of: &v6) { Array($0) }
        if all.prefix(10).allSatisfy({ $0 == 0 }), all[10] == 0xFF, all[11] == 0xFF { return Array(all.suffix(4)) }
        return all
    }

    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]) else { return false }
        let address = String(parts[0])
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, address, &v4) == 1 { return (0...32).contains(prefix) }
        if inet_pton(AF_INET6, address, &v6) == 1 { return (0...128).contains(prefix) }
        return false
    }
}
