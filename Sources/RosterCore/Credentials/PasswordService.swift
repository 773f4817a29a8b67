import Foundation

/// Password resets: reset links by mail, temporary passwords, account-info
/// mail, redeeming a link, and changing one's own password.
public struct PasswordService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment
    /// Links never live longer than this, whatever the setting says.
    static let maximumLinkLifetime: TimeInterval = 24 * 3600

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// Mails the user a single-use link to choose a new password; earlier pending links are cancelled.
    public func sendResetLink(_ id: UserID, by actor: Actor) throws -> PasswordReset {
        try issueLink(id, purpose: .reset, action: "password.reset-link", userAction: .resetPassword, by: actor)
    }

    /// "Send account info": the login and a link to set a password, valid 24 hours.
    public func sendAccountInfo(_ id: UserID, by actor: Actor) throws -> PasswordReset {
        try issueLink(id, purpose: .accountInfo, action: "password.account-info", userAction: .resetPassword, by: actor)
    }

    private func issueLink(_ id: UserID, purpose: PasswordReset.Purpose, action: String, userAction: UserAction, by actor: Actor) throws -> PasswordReset {
        let token = environment.token("rsr_")
        return try UserService(stores: stores, environment: environment)
            .guarded(userAction, id, action: action, expectedVersion: nil, by: actor, check: Self.needsPassword) { tx, user, now in
                let cancelled = try tx.credentials.cancelPendingResets(for: id, at: now)
                let (reset, message) = try Self.queueLink(token, purpose: purpose, to: user, by: actor, in: tx, at: now,
                                                          box: environment.secrets())
                return (reset, ["expiresAt": MailTemplates.iso(reset.expiresAt), "outboxMessage": String(message),
                                "earlierLinksCancelled": String(cancelled)])
            }
    }

    /// Stores a link for `user` (its token hashed) and queues the mail that carries it (the
    /// token sealed until delivery), inside the caller's transaction. Returns the link and
    /// the outbox message id.
    static func queueLink(_ token: String, purpose: PasswordReset.Purpose, to user: User, by actor: Actor, in tx: StoreTransaction,
                          at now: Date, box: SecretBox) throws -> (PasswordReset, Int64) {
        let queued = try queueLinks([(token, user)], purpose: purpose, by: actor, in: tx, at: now, box: box)
        guard let first = queued.first else { throw RosterError.database(.other("the link was not stored")) }
        return first
    }

    /// `queueLink` for many users at once (an import's account-info links): the links in one
    /// write, the mails in another.
    static func queueLinks(_ links: [(token: String, user: User)], purpose: PasswordReset.Purpose, by actor: Actor,
                           in tx: StoreTransaction, at now: Date, box: SecretBox) throws -> [(PasswordReset, Int64)] {
        // Settings only for a reset link's lifetime: an import queues a hundred thousand
        // account-info links, and reading every setting for each cost 3 % of it.
        let lifetime = purpose == .accountInfo
            ? maximumLinkLifetime
            : min(maximumLinkLifetime, Double(try SettingsService.load(tx.settings).resetLinkLifetimeMinutes) * 60)
        let resets = try tx.credentials.insertResets(links.map { link in
            PasswordReset(id: nil, userId: link.user.id, tokenHash: AuthService.hashToken(link.token), purpose: purpose, createdAt: now,
                          createdBy: actor.label, expiresAt: now.addingTimeInterval(lifetime), usedAt: nil, cancelledAt: nil)
        })
        let messages = try tx.outbox.enqueue(zip(links, resets).map { link, reset in
            let mail = purpose == .reset
                ? MailTemplates.resetLink(to: link.user, token: OutboxToken.placeholder, expires: reset.expiresAt)
                : MailTemplates.accountInfo(to: link.user, token: OutboxToken.placeholder, expires: reset.expiresAt)
            var outgoing = OutboxMessage(recipient: link.user.email.value, subject: mail.subject, body: mail.body, at: now)
            outgoing.sealedToken = try OutboxToken.seal(link.token, for: link.user.email.value, box: box)
            return outgoing
        })
        return zip(resets, messages).map { ($0, $1.id ?? 0) }
    }

    /// Sets a generated temporary password that must be changed at next sign-in; sessions end.
    /// Returns the password, to be handed over once.
    public func setTemporaryPassword(_ id: UserID, by actor: Actor) throws -> String {
        let password = PasswordGenerator.generate(randomBytes: environment.randomBytes)
        let hash = try environment.passwordHasher.hash(password, salt: environment.randomBytes(16))
        _ = try UserService(stores: stores, environment: environment)
            .guarded(.resetPassword, id, action: "password.temporary", expectedVersion: nil, by: actor, check: Self.needsPassword) { tx, user, now in
                var updated = user
                updated.passwordHash = hash
                updated.passwordChangeRequired = true
                updated.failedSignIns = 0
                updated.lockedUntil = nil
                updated = try tx.users.update(updated, expectedVersion: user.version)
                var details = try AuthService.endAccess(of: id, reason: "password reset", in: tx, at: now)
                details["resetLinksCancelled"] = String(try tx.credentials.cancelPendingResets(for: id, at: now))
                return (updated, details)
            }
        return password
    }

    /// Sets a new password with a reset or account-info token. Works once, before expiry,
    /// for an active account. Every refusal is audited as a failed authentication.
    public func redeem(token: String, newPassword: String, ip: String?) throws -> User {
        let hasher = environment.passwordHasher
        let salt = environment.randomBytes(16)
        let result: Result<User, RosterError> = try stores.write { tx in
            let now = environment.now()
            let anonymous = Actor.anonymous("reset-link", ip: ip)
            func refuse(_ reason: String, _ user: User?) throws -> Result<User, RosterError> {
                _ = try tx.audit.append(.failedAuthentication("password.redeem", reason: reason, user: user), by: anonymous, at: now)
                return .failure(.tokenInvalid)
            }
            guard token.hasPrefix("rsr_"), var reset = try tx.credentials.reset(tokenHash: AuthService.hashToken(token)) else {
                return try refuse("unknown-token", nil)
            }
            let user = try tx.users.find(reset.userId)
            guard let user else { return try refuse("user-deleted", nil) }
            if reset.usedAt != nil { return try refuse("already-used", user) }
            if reset.cancelledAt != nil { return try refuse("cancelled", user) }
            if reset.expiresAt <= now { return try refuse("expired", user) }
            if user.status != .active { return try refuse("deactivated", user) }
            let settings = try SettingsService.load(tx.settings)
            // A weak password is the person's mistake, not an attack: the link stays valid for another try.
            if let problem = settings.passwordPolicy.problem(with: newPassword, email: user.email, names: [user.firstName, user.lastName]) {
                throw RosterError.weakPassword(problem)
            }
            var updated = user
            updated.passwordHash = try hasher.hash(newPassword, salt: salt)
            updated.passwordChangeRequired = false
            updated.failedSignIns = 0
            updated.lockedUntil = nil
            updated = try tx.users.update(updated, expectedVersion: user.version)
            reset.usedAt = now
            try tx.credentials.updateReset(reset)
            var details = try AuthService.endAccess(of: user.id, reason: "password reset", in: tx, at: now)
            details["resetLinksCancelled"] = String(try tx.credentials.cancelPendingResets(for: user.id, at: now))
            let actor = Actor(identity: .user(user.id, user.email), systemRole: user.systemRole, ip: ip)
            _ = try tx.audit.append(.user("password.redeem", user, details: details), by: actor, at: now)
            return .success(updated)
        }
        return try result.get()
    }

    /// Changes the actor's own password after checking the current one. Every other session
    /// of the account ends and pending reset links are cancelled: whoever knew the old
    /// password, or holds a link, is out (ASVS 7.4.3).
    public func changeOwnPassword(current: String, new: String, by actor: Actor, keeping session: SessionID? = nil) throws {
        let hasher = environment.passwordHasher
        let salt = environment.randomBytes(16)
        let result: Result<Void, any Error> = try stores.write { tx in
            let now = environment.now()
            let account = try SelfService.account(actor, action: "password.change", proof: .init(password: current),
                                                  taking: .changePassword, in: tx, environment: environment, at: now)
            guard case .success(var user) = account else { return account.map { _ in () } }
            let settings = try SettingsService.load(tx.settings)
            if let problem = settings.passwordPolicy.problem(with: new, email: user.email, names: [user.firstName, user.lastName]) {
                throw RosterError.weakPassword(problem)
            }
            if let hash = user.passwordHash, hasher.verify(new, against: hash) {
                throw RosterError.weakPassword("choose a password different from the current one.")
            }
            user.passwordHash = try hasher.hash(new, salt: salt)
            user.passwordChangeRequired = false
            user = try tx.users.update(user, expectedVersion: user.version)
            let keep = session ?? actor.sessionId
            var ended = 0
            for open in try tx.sessions.active(for: user.id) where open.id != keep {
                try tx.sessions.end(open.id, at: now, reason: "password changed")
                ended += 1
            }
            let cancelled = try tx.credentials.cancelPendingResets(for: user.id, at: now)
            _ = try tx.audit.append(.user("password.change", user, details: ["otherSessionsEnded": String(ended), "resetLinksCancelled": String(cancelled)]),
                                    by: actor, at: now)
            return .success(())
        }
        try result.get()
    }

    /// Reset and account-info links not yet used, cancelled or expired; all users when nil.
    /// With a user: that user's, if `actor` may see them. Without: those of every user `actor` can see.
    public func pendingResets(for user: UserID? = nil, by actor: Actor) throws -> [PasswordReset] {
        let now = environment.now()
        if let user {
            return try UserService(stores: stores, environment: environment)
                .readAbout(.resets, user, action: "password.list-resets", by: actor) { tx, _, user in
                    try tx.credentials.pendingResets(for: user.id, at: now)
                }
        }
        return try stores.authorizedRead("password.list-resets", by: actor, at: now) { tx, actor in
            if let denial = Policy.checkInPerson(actor) { return .failure(RefusedRead("password.list-resets", nil, denial)) }
            let visibility = Policy.visibility(for: actor)
            let resets = try tx.credentials.pendingResets(for: nil, at: now)
            guard visibility != .everyone else { return .success(resets) }
            return .success(try resets.filter { reset in
                guard let user = try tx.users.find(reset.userId) else { return false }
                return visibility.includes(try UserService.policyTarget(user, in: tx, at: now))
            })
        }
    }

    func pendingResets(for user: UserID? = nil) throws -> [PasswordReset] {
        try stores.read { tx in try tx.credentials.pendingResets(for: user, at: environment.now()) }
    }

    /// Cancels a pending link; it stops working at once.
    public func cancelReset(_ resetId: Int64, by actor: Actor) throws {
        let notFound = RosterError.notFound(kind: "reset link", reference: String(resetId), hint: "List the pending ones with `roster resets list`.")
        guard let reset = try stores.read({ tx in try tx.credentials.reset(resetId) }) else { throw notFound }
        // Whether the link is still pending is told only once the actor may see its user.
        _ = try UserService(stores: stores, environment: environment)
            .guarded(.resetPassword, reset.userId, action: "password.cancel-reset", expectedVersion: nil, notFound: notFound,
                     by: actor) { tx, _, now in
                // Read under the write lock: it may have been used or cancelled meanwhile.
                guard var cancelled = try tx.credentials.reset(resetId), cancelled.isPending(at: now) else {
                    throw RosterError.unchanged("link \(resetId) was used, cancelled or has expired; nothing to cancel.")
                }
                cancelled.cancelledAt = now
                try tx.credentials.updateReset(cancelled)
                return ((), ["reset": String(resetId)])
            }
    }

    /// API service accounts have no password to reset.
    static func needsPassword(_ tx: StoreTransaction, _ actor: Actor, _ user: User, _ target: PolicyTarget) -> Denial? {
        user.kind == .service ? .notPermitted(.resetPassword) : nil
    }
}
