import Foundation

/// How an SSH connection uses Roster: the console, or one command (`SSH_ORIGINAL_COMMAND`).
public enum SSHClient: String, Sendable {
    case console = "ssh"
    case command = "ssh-command"
}

/// What an SSH sign-in needs beyond the key sshd already checked.
public enum SSHSecondStep: Sendable, Equatable {
    /// The account has MFA: its authenticator code (or a recovery code).
    case code
    /// `ssh.key-alone` is off and the account has no MFA: its password.
    case password
}

extension AuthService {
    /// What signing in with this key will ask for, so the caller can prompt before trying.
    /// Reads only; nil when the key alone is enough (or the key is unknown: the sign-in says so).
    public func sshSecondStep(forKey keyId: Int64) throws -> SSHSecondStep? {
        try stores.read { tx in
            guard let key = try tx.credentials.sshKey(keyId), let user = try tx.users.find(key.userId) else { return nil }
            if user.mfaEnabled { return .code }
            return try SettingsService.load(tx.settings).sshKeyAlone ? nil : .password
        }
    }

    /// Opens a session for the account whose key sshd accepted (`roster ssh session --key ID`).
    ///
    /// The same gates as a password sign-in, in one transaction: the source throttle, an
    /// active and unlocked account, its IP rules against the address sshd reports, and the
    /// code when the account has MFA (or the password when `ssh.key-alone` is off); wrong codes
    /// count toward lockout. The session row records the client and the key's fingerprint,
    /// which every audit row the session writes repeats.
    public func signIn(sshKey keyId: Int64, code: String? = nil, password: String? = nil, ip: String?, client: SSHClient) throws -> SignIn {
        let hasher = environment.passwordHasher
        let result: Result<SignIn, RosterError> = try stores.write { tx in
            let now = environment.now()
            let settings = try SettingsService.load(tx.settings)
            let anonymous = Actor.anonymous("ssh", ip: ip)
            let source = try ip.map { try tx.sessions.signInSource($0) ?? .fresh($0, at: now) }
            func fail(_ reason: String, _ user: User?, by actor: Actor, _ error: RosterError, countSource: Bool = false) throws -> Result<SignIn, RosterError> {
                if countSource, let source { try tx.sessions.saveSignInSource(source.failing(at: now, settings: settings)) }
                _ = try tx.audit.append(.failedAuthentication("auth.sign-in", reason: reason, user: user,
                                                              details: ["method": "ssh-key", "key": String(keyId)]), by: actor, at: now)
                return .failure(error)
            }
            if let source, source.isBlocked(at: now) { return try fail("source-throttled", nil, by: anonymous, .signInFailed) }
            guard let key = try tx.credentials.sshKey(keyId), var user = try tx.users.find(key.userId) else {
                return try fail("unknown-ssh-key", nil, by: anonymous, .signInFailed)
            }
            var actor = Actor(identity: .user(user.id, user.email), systemRole: user.systemRole, kind: user.kind, ip: ip)
            actor.sshKey = key.fingerprint
            let refusal: String? =
                user.status != .active ? "deactivated"
                : user.lock(at: now).isLocked ? "locked"
                // Service accounts act through API keys, which never touch credentials; a key
                // login would be a full session. Refused, as a password sign-in is.
                : user.kind == .service ? "service-account"
                : try !Self.ipAllowed(ip, for: user.id, in: tx) ? "ip-not-allowed"
                : nil
            if let refusal { return try fail(refusal, user, by: actor, .signInFailed) }
            var secondFactor: String?
            if user.mfaEnabled {
                guard let code, !code.isEmpty else { return try fail("mfa-code-required", user, by: actor, .mfaCodeRequired) }
                guard let factor = try MFAService.verifySecondFactor(code, for: user, in: tx, box: environment.secrets(), at: now) else {
                    user = try Self.countFailure(user, settings: settings, at: now, in: tx)
                    return try fail("wrong-mfa-code", user, by: actor, .invalidCode, countSource: true)
                }
                secondFactor = factor
            } else if !settings.sshKeyAlone {
                guard let password, !password.isEmpty else { return try fail("password-required", user, by: actor, .passwordRequired) }
                guard let hash = user.passwordHash, hasher.verify(password, against: hash) else {
                    user = try Self.countFailure(user, settings: settings, at: now, in: tx)
                    return try fail("wrong-password", user, by: actor, .signInFailed, countSource: true)
                }
                secondFactor = "password"
            }
            user.failedSignIns = 0
            user.lockedUntil = nil
            user.lastSignInAt = now
            user = try tx.users.update(user, expectedVersion: user.version)
            try tx.credentials.touchSSHKey(keyId, at: now)
            let token = "rss_" + Data(environment.randomBytes(32)).base64URL
            let session = try tx.sessions.insert(user: user.id, tokenHash: Self.hashToken(token), at: now, ip: ip,
                                                 client: client.rawValue, sshKey: key.fingerprint)
            if secondFactor == nil {
                // A key alone proves someone holds a file, not that its person is at the keyboard:
                // the session starts unconfirmed, so credential actions and grants (another SSH
                // key, a password, a role) ask for the password or code first (sudo mode). A
                // stolen key must not be able to add a second one.
                try tx.sessions.reauthenticated(session.id, at: Date(timeIntervalSince1970: 0))
            }
            var details = ["session": String(session.id.rawValue), "method": "ssh-key", "client": client.rawValue]
            if let secondFactor { details["secondFactor"] = secondFactor }
            _ = try tx.audit.append(.user("auth.sign-in", user, details: details), by: actor, at: now)
            return .success(SignIn(token: token, session: session, user: user))
        }
        return try result.get()
    }
}

extension AuthService {
    /// Records a refused SSH request (a command line that can't run over SSH, a path on the
    /// server, `--db`): denied, by the key's account when the key is known, with the key's
    /// fingerprint and the address sshd reports. No session is opened for it.
    public func recordRefusedSSHRequest(key keyId: Int64, reason: String, ip: String?) throws {
        try stores.write { tx in
            let now = environment.now()
            var actor = Actor.anonymous("ssh", ip: ip)
            if let key = try tx.credentials.sshKey(keyId), let user = try tx.users.find(key.userId) {
                actor = Actor(identity: .user(user.id, user.email), systemRole: user.systemRole, kind: user.kind, ip: ip)
                actor.sshKey = key.fingerprint
            }
            _ = try tx.audit.append(AuditEvent(action: "ssh.request", outcome: .denied,
                                               details: ["reason": "refused-over-ssh", "message": reason, "key": String(keyId)]),
                                    by: actor, at: now)
        }
    }
}
