import Foundation

/// One user's part of an import, checked against policy and the database.
struct ImportStep: Sendable {
    struct OrgChange: Sendable {
        var org: Org
        var role: OrgRole
        /// Nil when the user is not yet a member.
        var current: Membership?
    }

    /// A stored user this line changes, boxed: a `User` held inline in every step would cost
    /// some 300 bytes a line, and most lines of a large import create users or change nothing.
    final class Stored: Sendable {
        let user: User
        init(_ user: User) { self.user = user }
    }

    var user: ImportedUser
    /// The account as stored, kept only when the line changes it.
    private var stored: Stored?
    var kind: AccountKind
    var role: SystemRole
    /// Whether the line creates its account.
    let isNew: Bool
    var orgChanges: [OrgChange]
    var changes: [String]

    /// The stored account this line changes; nil for a new one and for one it leaves as it is.
    var changing: User? { stored?.user }

    init(user: ImportedUser, existing: User?, kind: AccountKind, role: SystemRole, orgChanges: [OrgChange], changes: [String]) {
        self.user = user
        self.isNew = existing == nil
        // A re-run of the same file changes nothing: 100,000 stored users held until the end
        // for no use were a fifth of its memory.
        self.stored = changes.isEmpty ? nil : existing.map(Stored.init)
        self.kind = kind
        self.role = role
        self.orgChanges = orgChanges
        self.changes = changes
    }

    var entry: ImportReport.Entry {
        let change: ImportReport.Change = isNew ? .create : (changes.isEmpty ? .unchanged : .update(changes))
        return ImportReport.Entry(line: user.line, email: user.email.value, change: change)
    }
}

/// Every step, or every problem.
enum ImportPlan {
    case steps([ImportStep])
    case problems([ImportProblem])

    var problems: [ImportProblem] {
        if case .problems(let problems) = self { return problems }
        return []
    }
}

extension UserImporter {
    /// Checks every user against the database and policy as `actor`, writing nothing. Org
    /// headcounts and the count of active administrators are kept as the plan goes, so a
    /// file can't pass a limit that its own earlier lines have used up.
    func plan(_ users: [ImportedUser], options: ImportOptions, by actor: Actor, in tx: StoreTransaction, at now: Date) throws -> ImportPlan {
        var orgs: [String: Org?] = [:]
        var headcounts: [OrgID: OrgHeadcount] = [:]
        // Kept as the plan goes, like the headcounts: two lines demoting the last two admins
        // must not both pass because each saw the count before the other.
        var activeAdministrators: Int?
        var activeOrgAdmins: [OrgID: Int] = [:]
        var steps: [ImportStep] = []
        var problems: [ImportProblem] = []
        // Settings can't change inside this transaction: read the sudo window once, not per line.
        let reauthenticateMinutes = try UserService.reauthenticateMinutes(for: actor, in: tx)
        // Nor who holds an elevation (a handful at most): other lines' elevations aren't read.
        let elevated = try tx.elevations.activeUsers(at: now)
        func grantDenial(_ grant: Grant, aboveDefaultFor kind: AccountKind? = nil) -> Denial? {
            Policy.checkGrant(grant, aboveDefaultFor: kind, by: actor, at: now, reauthenticateMinutes: reauthenticateMinutes)
        }
        // An org the actor may not see is, to them, no org at all: the same problem either way.
        func org(named name: String) throws -> Org? {
            let key = name.lowercased()
            if let cached = orgs[key] { return cached }
            let found = try tx.orgs.find(name: name).flatMap { Policy.seesOrg($0.id, by: actor) ? $0 : nil }
            orgs[key] = found
            return found
        }
        func takePlace(in org: Org, kind: AccountKind, role: SystemRole) throws -> Denial? {
            var count = try headcounts[org.id] ?? tx.orgs.headcount(of: org.id)
            if let denial = Policy.checkUserLimit(org: org, kind: kind, systemRole: role, headcount: count) { return denial }
            if kind != .readOnly, role != .readOnly {
                switch kind {
                case .standard: count.standard += 1
                case .service: count.service += 1
                case .readOnly: break
                }
            }
            headcounts[org.id] = count
            return nil
        }

        // Stored accounts are read a batch of lines at a time, not one query a line.
        var stored: [Email: User] = [:]
        var storedRoles: [UserID: [OrgID: OrgRole]] = [:]
        for (offset, user) in users.enumerated() {
            if offset % Self.batchSize == 0 {
                let emails = users[offset..<min(users.count, offset + Self.batchSize)].map(\.email)
                let found = try tx.users.find(emails: emails)
                stored = Dictionary(found.map { ($0.email, $0) }, uniquingKeysWith: { first, _ in first })
                storedRoles = try tx.orgs.orgRoles(of: found.map(\.id))
            }
            func refuse(_ denial: Denial, line: Int? = nil) {
                problems.append(ImportProblem(line: line ?? user.line, reason: "\(user.email): \(denial.message)", denied: true))
            }
            var resolved: [(ImportedUser.Membership, Org)] = []
            for membership in user.memberships {
                guard let found = try org(named: membership.org) else {
                    problems.append(ImportProblem(line: membership.line, reason:
                        "there is no organization “\(membership.org)”; create it first (roster orgs create) or fix the name."))
                    continue
                }
                resolved.append((membership, found))
            }
            guard resolved.count == user.memberships.count else { continue }

            let newKind = user.kind ?? .standard
            let newRole = user.role ?? Policy.defaultRole(for: newKind)
            // What creating this line's account would meet: the same rules as `users create`.
            func createDenial(countingPlaces: Bool) throws -> Denial? {
                var denial = resolved.isEmpty ? Policy.checkCreate(role: newRole, kind: newKind, inOrg: nil, by: actor) : nil
                for (_, org) in resolved where denial == nil {
                    denial = try Policy.checkCreate(role: newRole, kind: newKind, inOrg: org.id, by: actor)
                        ?? (org.locked ? .orgLocked(org.name) : nil)
                        ?? (countingPlaces ? takePlace(in: org, kind: newKind, role: newRole) : nil)
                }
                // Roles given are grants, as when creating one account (API keys, sudo mode).
                if denial == nil { denial = grantDenial(.systemRole(newRole), aboveDefaultFor: newKind) }
                for (membership, _) in resolved where denial == nil {
                    denial = grantDenial(.orgRole(membership.role))
                }
                return denial
            }
            guard let existing = stored[user.email] else {
                if let denial = try createDenial(countingPlaces: true) { refuse(denial); continue }
                let changes = resolved.map { ImportStep.OrgChange(org: $0.1, role: $0.0.role, current: nil) }
                steps.append(ImportStep(user: user, existing: nil, kind: newKind, role: newRole, orgChanges: changes, changes: []))
                continue
            }

            let storedOrgRoles = storedRoles[existing.id] ?? [:]
            let target = try UserService.policyTarget(existing, in: tx, at: now, storedOrgRoles: storedOrgRoles, elevated: elevated)
            // An account the actor may not see is answered as if the line created it: the same
            // refusal a new email gets, or, for someone who may create it, that the email is
            // taken (as `users create` says). Nothing about it is compared or told.
            if Policy.checkVisible(target, by: actor, notFound: .userNotFound(user.email.value)) != nil {
                if let denial = try createDenial(countingPlaces: false) {
                    refuse(denial)
                } else {
                    problems.append(ImportProblem(line: user.line, reason: RosterError.duplicateEmail(user.email.value).message))
                }
                continue
            }
            // Readers who may not see system roles may not name one either.
            if user.role != nil, !Policy.maySeeSystemRole(actor) {
                refuse(.cannotView(.systemRoles))
                continue
            }
            var changes: [String] = []
            var denial: Denial?
            if let kind = user.kind, kind != existing.kind {
                problems.append(ImportProblem(line: user.line, reason:
                    "\(user.email) is a \(existing.kind.name) account; an account's kind can't change (leave kind empty or use \(existing.kind.name))."))
                continue
            }
            if user.firstName != existing.firstName { changes.append("first_name") }
            if user.lastName != existing.lastName { changes.append("last_name") }
            if !changes.isEmpty { denial = Policy.check(.updateProfile, by: actor, on: target) }
            let role = user.role ?? existing.systemRole
            if role != existing.systemRole {
                changes.append("role")
                let admins = try activeAdministrators ?? tx.users.countActiveAdministrators()
                denial = try denial ?? Policy.checkRoleChange(to: role, by: actor, on: target)
                    ?? Policy.checkLastAdministrator(.changeSystemRole, on: target, newRole: role, activeAdministrators: admins)
                    ?? UserService.recentAuthentication(.changeSystemRole, actor, in: tx, at: now)
                    ?? grantDenial(.systemRole(role))
                    ?? Self.approvalNeeded(demoting: existing, to: role, by: actor, in: tx)
                let demotesAdmin = existing.systemRole == .administrator && existing.isActive && role != .administrator
                activeAdministrators = demotesAdmin && denial == nil ? admins - 1 : admins
            }
            var orgChanges: [ImportStep.OrgChange] = []
            for (membership, org) in resolved {
                if storedOrgRoles[org.id] == membership.role { continue }
                let current = storedOrgRoles[org.id] == nil ? nil : try tx.orgs.membership(of: existing.id, in: org.id)
                changes.append("org \(org.name)")
                denial = denial ?? grantDenial(.orgRole(membership.role))
                orgChanges.append(ImportStep.OrgChange(org: org, role: membership.role, current: current))
                if let current {
                    denial = denial ?? Policy.checkMembership(.changeRole, by: actor, org: org, target: target)
                    if denial == nil, current.role == .orgAdmin, membership.role != .orgAdmin, existing.isActive {
                        let admins = try activeOrgAdmins[org.id] ?? tx.orgs.countActiveOrgAdmins(of: org.id)
                        denial = Policy.checkLastOrgAdmin(orgName: org.name, targetIsActiveOrgAdmin: true, activeOrgAdmins: admins)
                        activeOrgAdmins[org.id] = denial == nil ? admins - 1 : admins
                    }
                } else {
                    denial = try denial ?? Policy.checkMembership(.add, by: actor, org: org, target: target)
                        ?? takePlace(in: org, kind: existing.kind, role: role)
                }
            }
            if !changes.isEmpty, !options.update {
                problems.append(ImportProblem(line: user.line, reason:
                    "\(user.email) exists with a different \(changes.joined(separator: ", ")); run with --update to change it, or fix the line."))
                continue
            }
            if let denial { refuse(denial); continue }
            steps.append(ImportStep(user: user, existing: existing, kind: existing.kind, role: role, orgChanges: orgChanges, changes: changes))
        }
        return problems.isEmpty ? .steps(steps) : .problems(problems)
    }
}

extension UserImporter {
    /// An import never demotes an administrator the two-person rule covers: `users set-role`
    /// files that as a request for a second person; an import line can't wait for one.
    static func approvalNeeded(demoting user: User, to role: SystemRole, by actor: Actor, in tx: StoreTransaction) throws -> Denial? {
        guard user.systemRole == .administrator, role < .administrator, actor.approving == nil, actor.userId != nil else { return nil }
        guard try SettingsService.load(tx.settings).approvalRequiredFor.contains(.demoteAdministrator) else { return nil }
        return .needsSecondPerson("demoting an administrator: use `roster users set-role`, which files it for approval")
    }
}
