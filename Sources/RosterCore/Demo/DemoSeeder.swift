import Crypto
import Foundation

/// The demo administrator's sign-in, kept in the demo database so the sign-in screen can show it.
public struct DemoCredentials: Sendable, Equatable {
    public var email: String
    public var password: String
}

/// Fills a database with realistic people, orgs, roles, states, sessions, API keys and audit
/// history. Bulk users get no password hash (only the demo administrator signs in), which
/// is what lets a million of them be written in seconds.
public struct DemoSeeder: Sendable {
    public static let settingKey = "demo.credentials"
    let roster: Roster

    public init(roster: Roster) {
        self.roster = roster
    }

    /// The demo credentials stored in this database, if it is a demo database.
    public func credentials() throws -> DemoCredentials? {
        guard let text = try roster.stores.read({ tx in try tx.settings.value(for: Self.settingKey) }) else { return nil }
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        return parts.count == 2 ? DemoCredentials(email: parts[0], password: parts[1]) : nil
    }

    /// Seeds an empty database with `users` bulk users plus the demo administrator and history.
    /// - Parameter progress: called now and then with the number of users written.
    public func seed(users count: Int, seed: UInt64 = 2026, progress: (Int) -> Void = { _ in }) throws -> DemoCredentials {
        if try roster.stores.totalUsers() > 0 { throw RosterError.alreadyInitialized }
        let system = Actor.system("demo")
        var random = SplitMix64(seed: seed)

        // Orgs and the demo administrator go through the services, like any operator's work.
        var orgIds: [OrgID] = []
        for name in DemoNames.orgs { orgIds.append(try roster.orgs.create(name: name, by: system).id) }
        let admin = try roster.users.create(NewUser(
            email: "admin@demo.example", firstName: "Demo", lastName: "Administrator", systemRole: .administrator,
            password: .generated, passwordChangeRequired: false, termsAcceptanceRequired: false,
            org: orgIds.first, orgRole: .orgAdmin), by: system)
        guard let password = admin.generatedPassword else { throw RosterError.database(.other("demo password was not generated")) }
        let credentials = DemoCredentials(email: admin.user.email.value, password: password)
        try roster.stores.write { tx in try tx.settings.set("\(credentials.email) \(credentials.password)", for: Self.settingKey) }

        try bulkUsers(count, orgs: orgIds, random: &random, progress: progress)
        try history(admin: admin.user, orgs: orgIds, random: &random)
        return credentials
    }

    private func bulkUsers(_ count: Int, orgs: [OrgID], random: inout SplitMix64, progress: (Int) -> Void) throws {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let now = roster.environment.now()
        let batch = 50_000
        var written = 0
        try roster.stores.bulkLoad { load in
            while written < count {
                let upper = min(count, written + batch)
                var local = random
                var users: [BulkUser] = []
                users.reserveCapacity(upper - written)
                for i in written..<upper {
                    let (first, last, slug) = Self.person(i, random: &local)
                    let roll = local.next(below: 1000)
                    let role: SystemRole = roll < 2 ? .administrator : roll < 8 ? .operationsAdmin : roll < 20 ? .accountsAdmin : roll < 920 ? .standard : .readOnly
                    let kind: AccountKind = role == .readOnly ? .readOnly : (local.next(below: 50) == 0 ? .service : .standard)
                    let status: AccountStatus = local.next(below: 20) == 0 ? .deactivated : .active
                    let created = start.addingTimeInterval(Double(local.next(below: 94_000_000)))
                    let signedIn: Date? = local.next(below: 10) < 7 ? min(now, created.addingTimeInterval(Double(local.next(below: 30_000_000)))) : nil
                    let locked = local.next(below: 100) == 0
                    let mfa = local.next(below: 10) < 3
                    var user = BulkUser(email: "\(slug).\(i)@demo.example", firstName: first, lastName: last, kind: kind,
                                        systemRole: role, status: status, lockedByAdmin: locked, mfaEnabled: mfa,
                                        createdAt: created, lastSignInAt: signedIn, memberships: [])
                    let orgRole: OrgRole = local.next(below: 40) == 0 ? .orgAdmin : (role == .readOnly ? .readOnly : .member)
                    user.memberships.append((orgs[Int(local.next(below: UInt64(orgs.count)))], orgRole))
                    if local.next(below: 4) == 0 {
                        let second = orgs[Int(local.next(below: UInt64(orgs.count)))]
                        if !user.memberships.contains(where: { $0.org == second }) { user.memberships.append((second, .member)) }
                    }
                    users.append(user)
                }
                try load(users)
                random = local
                written = upper
                progress(written)
            }
        }
    }

    /// A few dozen real operations through the services: sessions, keys, locks, resets, so the
    /// drawer and the audit trail have something to show, and the chain stays intact.
    private func history(admin: User, orgs: [OrgID], random: inout SplitMix64) throws {
        let actor = Actor(identity: .user(admin.id, admin.email), systemRole: .administrator, orgRoles: [orgs[0]: .orgAdmin], ip: "203.0.113.10")
        let now = roster.environment.now()
        // Hostile names prove the sanitizer; they get the first ids after the bulk users. The
        // services refuse such names now, so they are written as a database edit or an older
        // version would have left them: straight into the store.
        let stores = roster.stores
        try stores.write { tx in
            for person in DemoNames.hostile {
                let user = try tx.users.insert(User(
                    id: UserID(rawValue: 0), email: try Email("\(person.slug)@demo.example"), firstName: person.first, lastName: person.last,
                    kind: .standard, systemRole: .standard, status: .active, lockedByAdmin: false, lockedUntil: nil, failedSignIns: 0,
                    passwordHash: nil, passwordChangeRequired: false, mfaEnrollmentRequired: false, mfaEnabled: false,
                    termsAcceptanceRequired: false, termsAcceptedAt: nil, timeZone: nil, logOutAfterMinutes: nil, createdAt: now,
                    lastSignInAt: nil, version: 1))
                try tx.orgs.save(Membership(userId: user.id, orgId: orgs[2], role: .member, createdAt: now))
            }
        }
        let sample = try roster.users.list(UserQuery(sort: UserSort(.created), limit: 60)).rows.filter { $0.email.value != admin.email.value }
        for (i, row) in sample.enumerated() {
            switch i % 6 {
            case 0:
                try stores.write { tx in
                    for ip in ["198.51.100.\(i)", "2001:db8::\(i)"] {
                        let token = Data((0..<32).map { _ in UInt8(truncatingIfNeeded: random.next(below: 256)) }).hex
                        _ = try tx.sessions.insert(user: row.id, tokenHash: Data(SHA256.hash(data: Data(token.utf8))).hex,
                                                   at: now.addingTimeInterval(-Double(random.next(below: 86_400))), ip: ip,
                                                   client: i % 2 == 0 ? "roster-console" : "Mozilla/5.0 (X11; Linux x86_64)", sshKey: nil)
                    }
                }
            case 1 where row.status == .active:
                _ = try? roster.users.lock(row.id, by: actor)
            case 2:
                _ = try? roster.apiKeys.create(for: row.id, name: "ci-\(i)", scope: i % 4 == 0 ? .read : .readWrite, by: actor)
            case 3:
                _ = try? roster.passwords.sendResetLink(row.id, by: actor)
            case 4 where row.status == .active:
                _ = try? roster.users.deactivate(row.id, by: actor)
            default:
                _ = try? roster.users.updateProfile(row.id, ProfileChange(timeZone: ["Europe/Paris", "Asia/Tokyo", "America/Sao_Paulo"][i % 3]), by: actor)
            }
        }
    }

    /// Picks the i-th person's name.
    static func person(_ i: Int, random: inout SplitMix64) -> (first: String, last: String, slug: String) {
        let first = DemoNames.first[Int(random.next(below: UInt64(DemoNames.first.count)))]
        let last = DemoNames.last[Int(random.next(below: UInt64(DemoNames.last.count)))]
        return (first.0, last.0, "\(first.1).\(last.1)")
    }
}

/// A small, fast, seedable generator, so a demo database is the same every time.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: UInt64) -> UInt64 {
        next() % max(1, bound)
    }
}
