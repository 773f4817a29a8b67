import Foundation

/// What a person needs to add Roster to an authenticator app.
public struct MFAEnrollment: Sendable, Equatable {
    /// Base32, for typing by hand.
    public var secret: String
    /// `otpauth://…`, for the QR code.
    public var uri: String
}

/// TOTP enrollment and verification, recovery codes, and the admin's "Reset MFA".
public struct MFAService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment
    static let issuer = "Roster"

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// Starts enrollment for the actor's own account, after checking their current password:
    /// a new 20-byte secret, not yet in force.
    public func beginEnrollment(password: String, by actor: Actor) throws -> MFAEnrollment {
        let box = try environment.secrets()
        let result: Result<MFAEnrollment, any Error> = try stores.write { tx in
            let now = environment.now()
            let account = try SelfService.account(actor, action: "mfa.enroll-start", proof: .init(password: password), taking: .enrollMFA,
                                                  in: tx, environment: environment, at: now)
            guard case .success(let user) = account else { return account.map { _ in MFAEnrollment(secret: "", uri: "") } }
            if user.mfaEnabled { throw RosterError.mfaAlreadyEnabled }
            let secret = environment.randomBytes(20)
            let credential = TOTPCredential(
                userId: user.id, sealedSecret: try box.seal(secret, context: Self.context(user.id)), algorithm: .sha1,
                digits: 6, period: 30, createdAt: now, confirmedAt: nil, lastUsedStep: nil)
            try tx.credentials.saveTOTP(credential)
            _ = try tx.audit.append(.user("mfa.enroll-start", user), by: actor, at: now)
            let totp = TOTP(secret: secret)
            return .success(MFAEnrollment(secret: Base32.encode(secret), uri: totp.uri(account: user.email.value, issuer: Self.issuer)))
        }
        return try result.get()
    }

    /// Confirms enrollment with a first code; MFA counts from now on. Returns the recovery codes, shown once.
    public func confirmEnrollment(code: String, by actor: Actor) throws -> [String] {
        let box = try environment.secrets()
        let codes = RecoveryCodes.generate(randomBytes: environment.randomBytes)
        let result: Result<[String], any Error> = try stores.write { tx in
            let now = environment.now()
            // The password was checked when enrollment began; the code proves the app has the secret.
            let account = try SelfService.account(actor, action: "mfa.enroll-confirm", proof: .init(), taking: .enrollMFA,
                                                  in: tx, environment: environment, at: now)
            guard case .success(var user) = account else { return account.map { _ in [] } }
            let userId = user.id
            guard var credential = try tx.credentials.totp(for: userId) else { throw RosterError.mfaNotEnrolled }
            if credential.confirmedAt != nil { throw RosterError.mfaAlreadyEnabled }
            let totp = try Self.totp(credential, box: box)
            guard let step = totp.matchingStep(for: code, at: now, lastUsedStep: nil) else {
                _ = try tx.audit.append(.user("mfa.enroll-confirm", user, outcome: .failed, details: ["reason": "invalid-code"]), by: actor, at: now)
                return .failure(RosterError.invalidCode)
            }
            credential.confirmedAt = now
            credential.lastUsedStep = Int64(step)
            try tx.credentials.saveTOTP(credential)
            try tx.credentials.replaceRecoveryCodes(for: userId, hashes: codes.map(RecoveryCodes.hash), at: now)
            user.mfaEnabled = true
            user.mfaEnrollmentRequired = false
            _ = try tx.users.update(user, expectedVersion: user.version)
            _ = try tx.audit.append(.user("mfa.enroll-confirm", user), by: actor, at: now)
            return .success(codes)
        }
        return try result.get()
    }

    /// Replaces all recovery codes of the actor's own account, after checking their current
    /// password and a current code; the old codes stop working.
    public func regenerateRecoveryCodes(password: String, code: String?, by actor: Actor) throws -> [String] {
        let codes = RecoveryCodes.generate(randomBytes: environment.randomBytes)
        let result: Result<[String], any Error> = try stores.write { tx in
            let now = environment.now()
            let account = try SelfService.account(actor, action: "mfa.recovery-codes", proof: .init(password: password, code: code, needsCode: true),
                                                  taking: nil, in: tx, environment: environment, at: now)
            guard case .success(let user) = account else { return account.map { _ in [] } }
            guard user.mfaEnabled else { throw RosterError.mfaNotEnrolled }
            try tx.credentials.replaceRecoveryCodes(for: user.id, hashes: codes.map(RecoveryCodes.hash), at: now)
            _ = try tx.audit.append(.user("mfa.recovery-codes", user), by: actor, at: now)
            return .success(codes)
        }
        return try result.get()
    }

    /// How many unused recovery codes a user has left.
    public func remainingRecoveryCodes(for user: UserID, by actor: Actor) throws -> Int {
        try UserService(stores: stores, environment: environment)
            .readAbout(.profile, user, action: "mfa.status", by: actor) { tx, _, user in
                try tx.credentials.recoveryCodes(for: user.id).filter { $0.usedAt == nil }.count
            }
    }

    func remainingRecoveryCodes(for user: UserID) throws -> Int {
        try stores.read { tx in try tx.credentials.recoveryCodes(for: user).filter { $0.usedAt == nil }.count }
    }

    /// The admin's "Reset MFA": MFA off, recovery codes deleted; if the system or any of the
    /// user's orgs requires MFA, they must enroll again at next sign-in.
    public func reset(_ id: UserID, expectedVersion: Int? = nil, by actor: Actor) throws -> User {
        try UserService(stores: stores, environment: environment)
            .guarded(.resetMFA, id, action: "mfa.reset", expectedVersion: expectedVersion, by: actor) { tx, user, now in
                try tx.credentials.deleteTOTP(for: id)
                let deleted = try tx.credentials.deleteRecoveryCodes(for: id)
                var updated = user
                updated.mfaEnabled = false
                updated.mfaEnrollmentRequired = try Self.mfaRequired(for: user, in: tx)
                updated = try tx.users.update(updated, expectedVersion: user.version)
                // Whoever holds the lost device may be signed in with it: every way in ends.
                var details = try AuthService.endAccess(of: id, reason: "mfa reset", in: tx, at: now)
                details["recoveryCodesDeleted"] = String(deleted)
                details["mustEnroll"] = String(updated.mfaEnrollmentRequired)
                return (updated, details)
            }
    }

    /// Whether policy (system setting or any of the user's orgs) requires MFA of this user.
    static func mfaRequired(for user: User, in tx: StoreTransaction) throws -> Bool {
        if try SettingsService.load(tx.settings).mfaRequired { return true }
        return try tx.orgs.memberships(of: user.id).contains { $0.orgRequiresMFA }
    }

    /// Checks a sign-in's second factor inside the sign-in transaction: a TOTP code
    /// (each time step once) or an unused recovery code (then spent). Returns how it passed.
    static func verifySecondFactor(_ code: String, for user: User, in tx: StoreTransaction, box: SecretBox, at now: Date) throws -> String? {
        guard var credential = try tx.credentials.totp(for: user.id), credential.confirmedAt != nil else { return nil }
        let totp = try totp(credential, box: box)
        let last = credential.lastUsedStep.map { UInt64(max(0, $0)) }
        if let step = totp.matchingStep(for: code, at: now, lastUsedStep: last) {
            credential.lastUsedStep = Int64(step)
            try tx.credentials.saveTOTP(credential)
            return "totp"
        }
        let hash = RecoveryCodes.hash(code)
        if let match = try tx.credentials.recoveryCodes(for: user.id).first(where: { $0.usedAt == nil && $0.codeHash == hash }),
           let id = match.id {
            try tx.credentials.markRecoveryCodeUsed(id, at: now)
            return "recovery-code"
        }
        return nil
    }

    static func totp(_ credential: TOTPCredential, box: SecretBox) throws -> TOTP {
        let totp = TOTP(secret: try box.open(credential.sealedSecret, context: context(credential.userId)),
                        algorithm: credential.algorithm, digits: credential.digits, period: credential.period)
        guard totp.hasSaneParameters else {
            throw RosterError.database(.other("the MFA record of user \(credential.userId) is damaged (digits \(credential.digits), period \(credential.period)); reset their MFA"))
        }
        return totp
    }

    /// Binds a sealed secret to its user: a row copied onto another user won't open.
    static func context(_ user: UserID) -> String { "roster-totp-user-\(user.rawValue)" }
}
