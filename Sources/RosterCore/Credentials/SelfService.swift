import Foundation

/// The checks every change to one's own credentials makes (ASVS 6.2.3, 6.4.x): the account
/// re-read and allowed to act (or to take the pending step this is), never through an API
/// key, and proof of the current password, plus a current code when MFA is on.
enum SelfService {
    /// What the caller must prove.
    struct Proof {
        var password: String?
        /// Asked for only when the account has MFA on.
        var code: String?
        var needsCode = false
    }

    /// The actor's account, or why not; every refusal is audited in `tx` before it returns.
    static func account(_ actor: Actor, action: String, proof: Proof, taking step: PendingStep?,
                        in tx: StoreTransaction, environment: CoreEnvironment, at now: Date) throws -> Result<User, any Error> {
        guard let id = actor.userId else { return .failure(RosterError.notSignedIn) }
        if let denial = Policy.checkInPerson(actor) {
            _ = try tx.audit.append(.denied(action, nil, denial), by: actor, at: now)
            return .failure(denial)
        }
        if case .failure(let denial) = try UserService.current(actor, in: tx, attempting: action, at: now, taking: step) {
            return .failure(denial)
        }
        guard var user = try tx.users.find(id) else { return .failure(RosterError.sessionExpired) }
        if let password = proof.password {
            guard let hash = user.passwordHash, environment.passwordHasher.verify(password, against: hash) else {
                // Guessing here counts like guessing at sign-in, so it can't be used to brute-force.
                user = try AuthService.countFailure(user, settings: try SettingsService.load(tx.settings), at: now, in: tx)
                _ = try tx.audit.append(.failedAuthentication(action, reason: "wrong-current-password", user: user), by: actor, at: now)
                return .failure(RosterError.wrongCurrentPassword)
            }
        }
        if proof.needsCode, user.mfaEnabled {
            guard let code = proof.code, !code.isEmpty else { return .failure(RosterError.mfaCodeRequired) }
            guard try MFAService.verifySecondFactor(code, for: user, in: tx, box: environment.secrets(), at: now) != nil else {
                user = try AuthService.countFailure(user, settings: try SettingsService.load(tx.settings), at: now, in: tx)
                _ = try tx.audit.append(.failedAuthentication(action, reason: "wrong-mfa-code", user: user), by: actor, at: now)
                return .failure(RosterError.invalidCode)
            }
            // The code may have been a recovery code, now spent: read the account again.
            if let reread = try tx.users.find(id) { user = reread }
        }
        return .success(user)
    }
}
