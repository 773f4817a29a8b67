import Foundation

/// Everything that changes a user. Each call is one transaction that checks policy,
/// writes the change and its audit row together, and returns a typed result.
public struct UserService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    // MARK: Creating

    /// Creates an account. A generated password is returned once and never stored in clear.
    public func create(_ input: NewUser, by actor: Actor) throws -> CreatedUser {
        try create(input, by: actor, onlyIntoEmptyDirectory: false)
    }

    /// `onlyIntoEmptyDirectory`: refuse with `alreadyInitialized` when any user exists,
    /// checked inside the creating transaction (`roster init`).
    func create(_ input: NewUser, by actor: Actor, onlyIntoEmptyDirectory: Bool) throws -> CreatedUser {
        // Validate before opening a transaction: bad input writes nothing, not even an audit row.
        let email = try Email(input.email)
        let firstName = try Field.name(input.firstName, "First name")
        let lastName = try Field.name(input.lastName, "Last name")
        let timeZone = try Field.timeZone(input.timeZone)
        let role = input.systemRole ?? Policy.defaultRole(for: input.kind)

        return try stores.writeAudited { tx in
            let now = environment.now()
            if onlyIntoEmptyDirectory, try tx.users.count(matching: nil, visibleTo: .everyone, limit: nil) > 0 {
                throw RosterError.alreadyInitialized
            }
            let refreshed = try Self.current(actor, in: tx, attempting: "user.create", at: now)
            guard case .success(let actor) = refreshed else { return .failure(refreshed.denial) }
            let settings = try SettingsService.load(tx.settings)
            let org = try input.org.map { id in
                // An org the actor may not see is, to them, no org.
                guard let org = try tx.orgs.find(id), Policy.seesOrg(org.id, by: actor) else {
                    throw RosterError.orgNotFound(String(id.rawValue))
                }
                return org
            }
            let attempt = AuditEvent(action: "user.create", target: email.value, orgId: org?.id, org: org?.name,
                                     details: ["role": role.name, "kind": input.kind.name])
            var denial = Policy.checkCreate(role: role, kind: input.kind, inOrg: input.org, by: actor)
                ?? Policy.checkNewPassword(input.password, kind: input.kind, by: actor)
            if denial == nil { denial = try Self.checkGrant(.systemRole(role), aboveDefaultFor: input.kind, actor, in: tx, at: now) }
            if denial == nil, org != nil { denial = try Self.checkGrant(.orgRole(input.orgRole), actor, in: tx, at: now) }
            if denial == nil, let org {
                denial = org.locked ? .orgLocked(org.name)
                    : Policy.checkUserLimit(org: org, kind: input.kind, systemRole: role, headcount: try tx.orgs.headcount(of: org.id))
            }
            if let denial {
                var event = attempt
                event.outcome = .denied
                event.details["reason"] = denial.code
                _ = try tx.audit.append(event, by: actor, at: now)
                return .failure(denial)
            }
            if try tx.users.find(email: email) != nil { throw RosterError.duplicateEmail(email.value) }

            var generated: String?
            var passwordHash: String?
            switch input.password {
            case .typed(let password):
                guard input.kind != .service else {
                    throw RosterError.weakPassword("API service accounts have no password; leave it out.")
                }
                if let problem = settings.passwordPolicy.problem(with: password, email: email, names: [firstName, lastName]) {
                    throw RosterError.weakPassword(problem)
                }
                passwordHash = try environment.passwordHasher.hash(password, salt: environment.randomBytes(16))
            case .generated where input.kind != .service:
                let password = PasswordGenerator.generate(randomBytes: environment.randomBytes)
                generated = password
                passwordHash = try environment.passwordHasher.hash(password, salt: environment.randomBytes(16))
            case .generated, .none, .accountInfoLink:
                break
            }

            let draft = User(
                id: UserID(rawValue: 0), email: email, firstName: firstName, lastName: lastName, kind: input.kind,
                systemRole: role, status: input.status, lockedByAdmin: false, lockedUntil: nil, failedSignIns: 0,
                passwordHash: passwordHash,
                passwordChangeRequired: input.kind == .service ? false : input.passwordChangeRequired,
                mfaEnrollmentRequired: input.mfaEnrollmentRequired || settings.mfaRequired || (org?.mfaRequired ?? false),
                mfaEnabled: false,
                termsAcceptanceRequired: input.termsAcceptanceRequired ?? settings.termsRequiredForNewUsers,
                termsAcceptedAt: nil, timeZone: timeZone, logOutAfterMinutes: nil, createdAt: now, lastSignInAt: nil,
                version: 1)
            let user = try tx.users.insert(draft)
            if let org {
                try tx.orgs.save(Membership(userId: user.id, orgId: org.id, role: input.orgRole, createdAt: now))
            }
            var event = attempt
            event.targetId = user.id
            event.details["passwordSource"] = generated != nil ? "generated" : (passwordHash != nil ? "typed" : "none")
            if input.password == .accountInfoLink, input.kind != .service {
                let (reset, message) = try PasswordService.queueLink(environment.token("rsr_"), purpose: .accountInfo, to: user, by: actor,
                                                                     in: tx, at: now, box: environment.secrets())
                event.details["passwordSource"] = "account-info-link"
                event.details["outboxMessage"] = String(message)
                event.details["linkExpiresAt"] = MailTemplates.iso(reset.expiresAt)
            }
            event.details["status"] = user.status.rawValue
            if org != nil { event.details["orgRole"] = input.orgRole.name }
            _ = try tx.audit.append(event, by: actor, at: now)
            return .success(CreatedUser(user: user, generatedPassword: generated))
        }
    }

    // MARK: Changing

    /// Changes name, time zone and per-user flags. The email never changes.
    public func updateProfile(_ id: UserID, _ change: ProfileChange, expectedVersion: Int? = nil, by actor: Actor) throws -> User {
        let firstName = try change.firstName.map { try Field.name($0, "First name") }
        let lastName = try change.lastName.map { try Field.name($0, "Last name") }
        let timeZone = try Field.timeZone(change.timeZone)
        if let minutes = change.logOutAfterMinutes, !(0...10080).contains(minutes) {
            throw RosterError.invalidSetting(key: "log-out-after", reason: "use minutes from 0 (never) to 10080.")
        }
        let turnsOffMFARequirement = change.mfaEnrollmentRequired == false
        let clearsRequirement = change.mfaEnrollmentRequired == false || change.termsAcceptanceRequired == false
        return try guarded(.updateProfile, id, action: "user.update", expectedVersion: expectedVersion, by: actor, check: { tx, actor, _, _ in
            if let denial = Policy.checkClearsOwnRequirement(by: actor, target: id, clears: clearsRequirement) { return denial }
            // With MFA enforced system-wide, it can't be turned off for anyone.
            guard turnsOffMFARequirement else { return nil }
            if try SettingsService.load(tx.settings).mfaRequired { return .mfaRequiredSystemWide }
            return Policy.checkLiftingProtection(by: actor, at: environment.now(),
                                                 reauthenticateMinutes: try Self.reauthenticateMinutes(for: actor, in: tx))
        }) { tx, user, now in
            var updated = user
            var details: [String: String] = [:]
            if let firstName, firstName != user.firstName { updated.firstName = firstName; details["firstName"] = firstName }
            if let lastName, lastName != user.lastName { updated.lastName = lastName; details["lastName"] = lastName }
            if let timeZone, timeZone != user.timeZone { updated.timeZone = timeZone; details["timeZone"] = timeZone }
            if let minutes = change.logOutAfterMinutes {
                updated.logOutAfterMinutes = minutes == 0 ? nil : minutes
                details["logOutAfterMinutes"] = String(minutes)
            }
            if let flag = change.mfaEnrollmentRequired { updated.mfaEnrollmentRequired = flag; details["mfaEnrollmentRequired"] = String(flag) }
            if let flag = change.termsAcceptanceRequired { updated.termsAcceptanceRequired = flag; details["termsAcceptanceRequired"] = String(flag) }
            guard updated != user else { throw RosterError.unchanged("the profile already has these values.") }
            return (try tx.users.update(updated, expectedVersion: user.version), details)
        }
    }

    /// Gives a user another system role. Only operations admins and administrators may, never above their own rank.
    public func changeRole(_ id: UserID, to newRole: SystemRole, expectedVersion: Int? = nil, by actor: Actor) throws -> User {
        try guarded(.changeSystemRole, id, action: "user.change-role", expectedVersion: expectedVersion, by: actor,
                    check: { tx, actor, user, target in
            if let denial = try Policy.checkRoleChange(to: newRole, by: actor, on: target)
                ?? Self.checkGrant(.systemRole(newRole), actor, in: tx, at: environment.now()) { return denial }
            if let denial = Policy.checkLastAdministrator(.changeSystemRole, on: target, newRole: newRole,
                                                         activeAdministrators: try tx.users.countActiveAdministrators()) {
                return denial
            }
            // Leaving the read-only role makes a user count against org limits again.
            if user.systemRole == .readOnly, newRole != .readOnly {
                for membership in try tx.orgs.memberships(of: user.id) {
                    guard let org = try tx.orgs.find(membership.orgId) else { continue }
                    if let denial = Policy.checkUserLimit(org: org, kind: user.kind, systemRole: newRole,
                                                          headcount: try tx.orgs.headcount(of: org.id)) {
                        return denial
                    }
                }
            }
            return nil
        }, approval: { user in
            user.systemRole == .administrator && newRole < .administrator
                ? (.changeRole(user.id, newRole), "Make the administrator \(user.email) \(newRole.title)") : nil
        }) { tx, user, _ in
            guard newRole != user.systemRole else { throw RosterError.unchanged("\(user.email) is already \(newRole.title).") }
            var updated = user
            updated.systemRole = newRole
            return (try tx.users.update(updated, expectedVersion: user.version), ["from": user.systemRole.name, "to": newRole.name])
        }
    }

    /// Ends a user's access: status deactivated, every session ended, API keys revoked, IP
    /// rules removed. Reactivating revives none of them.
    public func deactivate(_ id: UserID, expectedVersion: Int? = nil, by actor: Actor) throws -> Deactivation {
        var details: [String: String] = [:]
        let user = try guarded(.deactivate, id, action: "user.deactivate", expectedVersion: expectedVersion, by: actor,
                               check: Self.protectsLastAdmins(.deactivate)) { tx, user, now in
            guard user.status == .active else { throw RosterError.unchanged("\(user.email) is already deactivated.") }
            var updated = user
            updated.status = .deactivated
            updated = try tx.users.update(updated, expectedVersion: user.version)
            details = try AuthService.endAccess(of: id, reason: "deactivated", in: tx, at: now)
            details["ipRulesRemoved"] = String(try tx.sessions.removeIPRules(for: id))
            return (updated, details)
        }
        return Deactivation(user: user, sessionsEnded: Int(details["sessionsEnded"] ?? "") ?? 0,
                            apiKeysRevoked: Int(details["apiKeysRevoked"] ?? "") ?? 0,
                            ipRulesRemoved: Int(details["ipRulesRemoved"] ?? "") ?? 0)
    }

    /// Lets a deactivated user sign in again.
    public func reactivate(_ id: UserID, expectedVersion: Int? = nil, by actor: Actor) throws -> User {
        try guarded(.reactivate, id, action: "user.reactivate", expectedVersion: expectedVersion, by: actor) { tx, user, _ in
            guard user.status == .deactivated else { throw RosterError.unchanged("\(user.email) is already active.") }
            var updated = user
            updated.status = .active
            return (try tx.users.update(updated, expectedVersion: user.version), [:])
        }
    }

    /// Locks an account until an admin unlocks it; its open sessions end at once.
    public func lock(_ id: UserID, expectedVersion: Int? = nil, by actor: Actor) throws -> User {
        try guarded(.lock, id, action: "user.lock", expectedVersion: expectedVersion, by: actor,
                    check: Self.protectsLastAdmins(.lock)) { tx, user, now in
            guard !user.lockedByAdmin else { throw RosterError.unchanged("\(user.email) is already locked.") }
            var updated = user
            updated.lockedByAdmin = true
            updated = try tx.users.update(updated, expectedVersion: user.version)
            let ended = try tx.sessions.endAll(for: id, at: now, reason: "locked")
            return (updated, ["sessionsEnded": String(ended)])
        }
    }

    /// Clears an admin lock and any lockout after failed sign-ins.
    public func unlock(_ id: UserID, expectedVersion: Int? = nil, by actor: Actor) throws -> User {
        try guarded(.unlock, id, action: "user.unlock", expectedVersion: expectedVersion, by: actor) { tx, user, now in
            guard user.lock(at: now).isLocked || user.failedSignIns > 0 else {
                throw RosterError.unchanged("\(user.email) is not locked.")
            }
            var updated = user
            updated.lockedByAdmin = false
            updated.lockedUntil = nil
            updated.failedSignIns = 0
            return (try tx.users.update(updated, expectedVersion: user.version), [:])
        }
    }

    /// Makes the user choose a new password at next sign-in (or clears that requirement).
    public func requirePasswordChange(_ id: UserID, _ required: Bool = true, expectedVersion: Int? = nil, by actor: Actor) throws -> User {
        try guarded(.requirePasswordChange, id, action: "user.require-password-change", expectedVersion: expectedVersion, by: actor,
                    check: { _, actor, _, _ in Policy.checkClearsOwnRequirement(by: actor, target: id, clears: !required) }) { tx, user, _ in
            guard user.passwordChangeRequired != required else {
                throw RosterError.unchanged("the password change requirement is already \(required ? "on" : "off").")
            }
            var updated = user
            updated.passwordChangeRequired = required
            return (try tx.users.update(updated, expectedVersion: user.version), ["required": String(required)])
        }
    }

    /// Deletes the account for good. Audit rows about it stay readable; consider deactivating instead.
    public func delete(_ id: UserID, expectedVersion: Int? = nil, by actor: Actor) throws -> User {
        try guarded(.delete, id, action: "user.delete", expectedVersion: expectedVersion, by: actor,
                    check: Self.protectsLastAdmins(.delete), approval: { user in
            user.systemRole == .administrator ? (.deleteUser(user.id), "Delete the administrator \(user.email)") : nil
        }) { tx, user, now in
            let orgs = try tx.orgs.memberships(of: id).map(\.orgName).joined(separator: ", ")
            // Ended and revoked first, so the audit row says how many; the rows then go with the user.
            var details = try AuthService.endAccess(of: id, reason: "deleted", in: tx, at: now)
            try tx.users.delete(id)
            details.merge(["name": user.fullName, "role": user.systemRole.name, "orgs": orgs]) { $1 }
            return (user, details)
        }
    }

    // MARK: The shape every change shares

    typealias Check = (StoreTransaction, Actor, User, PolicyTarget) throws -> Denial?
    typealias Apply<T> = (StoreTransaction, User, Date) throws -> (T, [String: String])

    /// Loads the target, checks policy (audit a denial and commit it), checks the version,
    /// applies the change and audits it: one transaction, one audit row.
    ///
    /// `notFound`: the answer when there is no such user, and (so that asking tells nothing)
    /// when the actor may not see them; a command that named something else (a key, a session)
    /// passes that thing's own not-found.
    ///
    /// `approval`: for a change the two-person rule may cover, the request it would be (and
    /// its summary); asked once every check has passed, so only what the actor may do is filed.
    func guarded<T>(_ userAction: UserAction, _ id: UserID, action: String, expectedVersion: Int?, notFound: RosterError? = nil,
                    by actor: Actor, check: Check? = nil, approval: ((User) -> (ApprovalAction, String)?)? = nil,
                    apply: Apply<T>) throws -> T {
        let notFound = notFound ?? .userNotFound(String(id.rawValue))
        return try stores.writeAudited { tx in
            let now = environment.now()
            let refreshed = try Self.current(actor, in: tx, attempting: action, at: now)
            guard case .success(let actor) = refreshed else { return .failure(refreshed.denial) }
            guard let user = try tx.users.find(id) else { throw notFound }
            let target = try Self.policyTarget(user, in: tx, at: now)
            if let denial = try Policy.checkUserAction(
                userAction, by: actor, on: target, notFound: notFound, at: now,
                reauthenticateMinutes: { try Self.reauthenticateMinutes(for: actor, in: tx) },
                also: { try check?(tx, actor, user, target) }) {
                _ = try tx.audit.append(.denied(action, user, denial), by: actor, at: now)
                return .failure(denial)
            }
            if let expectedVersion, expectedVersion != user.version {
                throw RosterError.changedBySomeoneElse("User \(user.email)")
            }
            if let (change, summary) = approval?(user), let waiting = try ApprovalGate.file(change, summary: summary, by: actor, in: tx, at: now) {
                return .failure(waiting)
            }
            let (result, details) = try apply(tx, user, now)
            _ = try tx.audit.append(.user(action, user, details: details), by: actor, at: now)
            return .success(result)
        }
    }

    /// Sensitive actions ask a session's person to have proved it was them lately (sudo mode).
    static func recentAuthentication(_ action: UserAction, _ actor: Actor, in tx: StoreTransaction, at now: Date) throws -> Denial? {
        guard action.needsRecentAuthentication else { return nil }
        return Policy.checkSudo(action, by: actor, at: now, reauthenticateMinutes: try reauthenticateMinutes(for: actor, in: tx))
    }

    /// `Policy.checkGrant` with the sudo window as configured now.
    static func checkGrant(_ grant: Grant, aboveDefaultFor kind: AccountKind? = nil, _ actor: Actor, in tx: StoreTransaction,
                           at now: Date) throws -> Denial? {
        Policy.checkGrant(grant, aboveDefaultFor: kind, by: actor, at: now, reauthenticateMinutes: try reauthenticateMinutes(for: actor, in: tx))
    }

    /// The sudo window as configured now, read only for a session's actor (the only kind it
    /// applies to: Policy asks nothing of actors without one).
    static func reauthenticateMinutes(for actor: Actor, in tx: StoreTransaction) throws -> Int {
        actor.authenticatedAt == nil ? 0 : try SettingsService.load(tx.settings).reauthenticateMinutes
    }

    /// The last active administrator and each org's last active org admin stay.
    static func protectsLastAdmins(_ action: UserAction) -> Check {
        { tx, _, user, target in
            if let denial = Policy.checkLastAdministrator(action, on: target, activeAdministrators: try tx.users.countActiveAdministrators()) {
                return denial
            }
            guard action.removesOrgAdmin, user.status == .active else { return nil }
            for membership in try tx.orgs.memberships(of: user.id) where membership.role == .orgAdmin {
                if let denial = Policy.checkLastOrgAdmin(orgName: membership.orgName, targetIsActiveOrgAdmin: true,
                                                         activeOrgAdmins: try tx.orgs.countActiveOrgAdmins(of: membership.orgId)) {
                    return denial
                }
            }
            return nil
        }
    }
}
