import Foundation

/// The first administrator, and the break-glass recovery for whoever holds the database file.
public struct Bootstrap: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment

    /// Creates the first administrator with a generated password. Refused once any user exists.
    public func initialize(email: String, firstName: String, lastName: String, ip: String?) throws -> CreatedUser {
        let service = UserService(stores: stores, environment: environment)
        let input = NewUser(email: email, firstName: firstName, lastName: lastName, kind: .standard, systemRole: .administrator,
                            password: .generated, passwordChangeRequired: true, termsAcceptanceRequired: false)
        // The "no users yet" check runs inside the creating transaction: two racing `init`s
        // make one administrator, and the other is refused.
        return try service.create(input, by: .system("init", ip: ip), onlyIntoEmptyDirectory: true)
    }

    /// Sets a new generated password for an administrator, clears their locks, and records
    /// it as a recovery. For when no administrator can sign in; needs write access to the file.
    public func recover(_ reference: String, ip: String?) throws -> (user: User, password: String) {
        let actor = Actor.system("recovery", ip: ip)
        let password = PasswordGenerator.generate(randomBytes: environment.randomBytes)
        let hash = try environment.passwordHasher.hash(password, salt: environment.randomBytes(16))
        let result: Result<User, Denial> = try stores.write { tx in
            let now = environment.now()
            let user = try UserService.resolve(reference, in: tx)
            if let denial = Policy.checkRecover(targetRole: user.systemRole) {
                _ = try tx.audit.append(.denied("user.recover", user, denial), by: actor, at: now)
                return .failure(denial)
            }
            var updated = user
            updated.passwordHash = hash
            updated.passwordChangeRequired = true
            updated.lockedByAdmin = false
            updated.lockedUntil = nil
            updated.failedSignIns = 0
            updated.status = .active
            updated = try tx.users.update(updated, expectedVersion: user.version)
            // Whoever may have held the old credentials loses every way in.
            let details = try AuthService.endAccess(of: user.id, reason: "recovery", in: tx, at: now)
            _ = try tx.audit.append(.user("user.recover", user, details: details), by: actor, at: now)
            return .success(updated)
        }
        return (try result.get(), password)
    }
}
