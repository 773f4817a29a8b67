import Foundation

extension AuthService {
    /// Sudo mode: the person behind a session proves again that it is them (the authenticator
    /// code when the account uses MFA, else the password), so the sensitive actions that ask
    /// for it (`UserAction.needsRecentAuthentication`, settings) are allowed for the next
    /// `session.reauthenticate-minutes`. Audited either way; a wrong answer counts towards the
    /// account's lockout like a failed sign-in. Returns when the confirmation lapses.
    @discardableResult
    public func reauthenticate(token: String, password: String?, code: String?, ip: String?) throws -> Date {
        let hasher = environment.passwordHasher
        let result = try stores.write { tx -> Result<Date, RosterError> in
            let now = environment.now()
            // Only a session that may still act can be confirmed: idle, too old, from an address
            // its rules no longer allow, or its account unavailable, it ends instead.
            switch try Self.examine(token, ip: ip, activity: false, in: tx, at: now) {
            case .refused(let error, let end):
                if let (id, reason) = end { try tx.sessions.end(id, at: now, reason: reason) }
                return .failure(error)
            case .valid:
                break
            }
            guard let session = try tx.sessions.find(tokenHash: Self.hashToken(token)), session.isOpen else {
                return .failure(.sessionExpired)
            }
            guard var user = try tx.users.find(session.userId), user.status == .active, !user.lock(at: now).isLocked else {
                return .failure(.sessionEnded(.accountUnavailable))
            }
            let settings = try SettingsService.load(tx.settings)
            var actor = Actor(identity: .user(user.id, user.email), systemRole: user.systemRole, kind: user.kind, ip: ip)
            actor.sessionId = session.id
            let refusal: (reason: String, error: RosterError)?
            var factor = "password"
            if user.mfaEnabled {
                guard let code, !code.isEmpty else { return .failure(.mfaCodeRequired) }
                let second = try MFAService.verifySecondFactor(code, for: user, in: tx, box: environment.secrets(), at: now)
                refusal = second == nil ? ("wrong-mfa-code", .invalidCode) : nil
                // Which one it was (an authenticator code, or a recovery code now used up), for the audit row.
                factor = second ?? "mfa-code"
            } else {
                guard let password, !password.isEmpty else { return .failure(.passwordRequired) }
                let matches = user.passwordHash.map { hasher.verify(password, against: $0) } ?? false
                refusal = matches ? nil : ("wrong-password", .wrongCurrentPassword)
            }
            if let refusal {
                user = try Self.countFailure(user, settings: settings, at: now, in: tx)
                _ = try tx.audit.append(.failedAuthentication("session.reauthenticate", reason: refusal.reason, user: user), by: actor, at: now)
                return .failure(refusal.error)
            }
            try tx.sessions.reauthenticated(session.id, at: now)
            if user.failedSignIns > 0 {
                user.failedSignIns = 0
                user = try tx.users.update(user, expectedVersion: user.version)
            }
            _ = try tx.audit.append(.user("session.reauthenticate", user, details: [
                "session": String(session.id.rawValue), "factor": factor,
            ]), by: actor, at: now)
            return .success(now.addingTimeInterval(Double(settings.reauthenticateMinutes) * 60))
        }
        return try result.get()
    }
}

/// How a person confirms it's them: the authenticator code when the account uses MFA, else the password.
public enum ConfirmationFactor: String, Sendable, Equatable {
    case password
    case code
}

extension AuthService {
    /// How the person behind a session confirms it's them (nil: no such open session).
    public func confirmationFactor(token: String) throws -> ConfirmationFactor? {
        try stores.read { tx in
            guard let session = try tx.sessions.find(tokenHash: Self.hashToken(token)), session.isOpen,
                  let user = try tx.users.find(session.userId) else { return nil }
            return user.mfaEnabled ? .code : .password
        }
    }

    /// Whether the person behind a session must confirm it's them before a sensitive action,
    /// and with what (nil: confirmed recently enough, or no such session).
    public func confirmationDue(token: String) throws -> ConfirmationFactor? {
        try stores.read { tx in
            let now = environment.now()
            guard let session = try tx.sessions.find(tokenHash: Self.hashToken(token)), session.isOpen,
                  let user = try tx.users.find(session.userId) else { return nil }
            var actor = Actor(identity: .user(user.id, user.email), systemRole: user.systemRole)
            actor.authenticatedAt = session.authenticatedAt ?? session.createdAt
            let minutes = try SettingsService.load(tx.settings).reauthenticateMinutes
            guard Policy.checkRecentAuthentication(actor, at: now, withinMinutes: minutes) != nil else { return nil }
            return user.mfaEnabled ? .code : .password
        }
    }
}
