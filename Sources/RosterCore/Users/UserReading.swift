import Foundation

/// Reading users: every public read takes the actor, re-reads it and asks `Policy`
/// (`Stores.authorizedRead`); a refusal is audited.
extension UserService {
    // MARK: Reading

    /// Finds a user by email or numeric id, as scripts and people name them, if `actor` may
    /// see them (refused and audited otherwise).
    public func find(_ reference: String, by actor: Actor) throws -> UserProfile {
        let now = environment.now()
        return try readAbout(.profile, action: "user.view", notFound: .userNotFound(reference), by: actor,
                      locate: { tx in try Self.resolve(reference, in: tx) }) { tx, actor, user in
            try Self.profile(user, for: actor, in: tx, at: now)
        }
    }

    /// The profile of one user, if `actor` may see them.
    public func profile(_ id: UserID, by actor: Actor) throws -> UserProfile {
        let now = environment.now()
        return try readAbout(.profile, id, action: "user.view", by: actor) { tx, actor, user in
            try Self.profile(user, for: actor, in: tx, at: now)
        }
    }

    /// `user` as `actor` may see them at `now`: memberships in orgs they see, the system role
    /// if they may see roles, the elevations in force that they may see.
    static func profile(_ user: User, for actor: Actor, in tx: StoreTransaction, at now: Date) throws -> UserProfile {
        var profile = UserProfile(user, memberships: try tx.orgs.memberships(of: user.id).filter { Policy.seesMembership(in: $0.orgId, of: user.id, by: actor) },
                                  showsSystemRole: Policy.maySeeSystemRole(actor))
        profile.elevations = try tx.elevations.open(for: user.id)
            .filter { $0.isActive(at: now) && Policy.maySeeElevation($0, by: actor) }
            .map { elevation in
                ElevationListing(elevation: elevation, email: user.email.value, org: try elevation.orgId.flatMap { try tx.orgs.find($0)?.name })
            }
        return profile
    }

    /// The actor as Roster weighs them now: roles re-read, raised by any elevation active now
    /// (what the about screen shows; refused when the account can no longer act).
    public func reread(_ actor: Actor) throws -> Actor {
        try stores.authorizedRead("user.whoami", by: actor, at: environment.now()) { _, fresh in .success(fresh) }
    }

    /// One page of the users `actor` can see (filtered in SQL: hidden users are never read).
    /// Reads only `query.limit + 1` rows. Rows carry no system role for readers who may not see it.
    public func list(_ query: UserQuery, by actor: Actor) throws -> UserPage {
        try stores.authorizedRead("user.list", by: actor, at: environment.now()) { tx, actor in
            let showsRole = Policy.maySeeSystemRole(actor)
            if query.sort.column == .role, !showsRole {
                return .failure(RefusedRead("user.list", nil, .cannotView(.systemRoles)))
            }
            var query = query
            query.signInCutoff = query.noSignInForDays.map { environment.now().addingTimeInterval(-Double($0) * 86_400) }
            var page = try tx.users.page(query, visibleTo: Policy.visibility(for: actor))
            if !showsRole { page.hideSystemRoles() }
            page.rows = try Self.markingElevations(try Self.hidingOtherOrgs(page.rows, from: actor, in: tx), for: actor, in: tx,
                                                   at: environment.now())
            return .success(page)
        }
    }

    /// These users' rows as they are now, in `sort` order, leaving out those deleted or no
    /// longer visible to `actor`: what a console shows again when someone else changed data.
    public func rows(_ ids: [UserID], sort: UserSort, by actor: Actor) throws -> [UserRow] {
        try stores.authorizedRead("user.list", by: actor, at: environment.now()) { tx, actor in
            let visibility = Policy.visibility(for: actor)
            var rows = try tx.users.rows(ids, sort: sort)
            if visibility != .everyone {
                rows = try rows.filter { row in
                    let orgs = Set(try tx.orgs.orgRoles(of: row.id).keys)
                    return visibility.includes(PolicyTarget(id: row.id, systemRole: row.systemRole ?? .standard, status: row.status, orgs: orgs))
                }
            }
            if !Policy.maySeeSystemRole(actor) { for index in rows.indices { rows[index].systemRole = nil } }
            return .success(try Self.markingElevations(try Self.hidingOtherOrgs(rows, from: actor, in: tx), for: actor, in: tx,
                                                       at: environment.now()))
        }
    }

    /// Marks the rows of users holding a lent role that `actor` may see (`elevatedUntil`). One
    /// read of who is elevated now (a handful, from a small index), then only those rows' own.
    static func markingElevations(_ rows: [UserRow], for actor: Actor, in tx: StoreTransaction, at now: Date) throws -> [UserRow] {
        let elevated = try tx.elevations.activeUsers(at: now)
        guard !elevated.isEmpty else { return rows }
        var rows = rows
        for index in rows.indices where elevated.contains(rows[index].id) {
            let seen = try tx.elevations.open(for: rows[index].id).filter { $0.isActive(at: now) && Policy.maySeeElevation($0, by: actor) }
            rows[index].elevatedUntil = seen.map(\.endsAt).max()
        }
        return rows
    }

    /// The Orgs column as `actor` may see it: an org admin sees a member's orgs among those they
    /// administer, not the member's other orgs (read again for the page's rows only).
    static func hidingOtherOrgs(_ rows: [UserRow], from actor: Actor, in tx: StoreTransaction) throws -> [UserRow] {
        guard Policy.visibility(for: actor) != .everyone else { return rows }
        return try rows.map { row in
            var row = row
            row.orgs = try tx.orgs.memberships(of: row.id).filter { Policy.seesMembership(in: $0.orgId, of: row.id, by: actor) }
                .map(\.orgName).sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending }.joined(separator: ", ")
            return row
        }
    }

    /// Reads ahead what `actor`'s first filter would otherwise wait for (PostgreSQL: the sample
    /// of the table its plans are chosen by). Only for a reader who sees everyone, re-read in
    /// the same transaction: the filters of one who sees some orgs never ask the sample, and
    /// nothing they may not see is read for them. A console calls it once its first page has
    /// been read; it blocks until done, and a failure is the filter's to meet again. Nothing is
    /// audited: it shows nothing and changes nothing.
    public func prepareFilters(by actor: Actor) {
        let now = environment.now()
        stores.prepareForFilters { tx in
            guard case .success(let current) = try Self.fresh(actor, in: tx, at: now) else { return false }
            return Policy.visibility(for: current) == .everyone
        }
    }

    /// How many of the users `actor` can see match a filter (all of them when nil).
    public func count(matching filter: String?, by actor: Actor) throws -> Int {
        try count(matching: filter, upTo: nil, by: actor)
    }

    /// As `count(matching:by:)`, but it may stop counting past `limit`: a result over `limit`
    /// means "more than `limit`". For a status line, where "10,000+" says enough.
    public func count(matching filter: String?, upTo limit: Int?, by actor: Actor) throws -> Int {
        try stores.authorizedRead("user.list", by: actor, at: environment.now()) { tx, actor in
            .success(try tx.users.count(matching: filter, visibleTo: Policy.visibility(for: actor), limit: limit))
        }
    }

    /// A user's orgs and org roles, if `actor` may see the user.
    public func memberships(of id: UserID, by actor: Actor) throws -> [MembershipDetail] {
        try readAbout(.profile, id, action: "user.view", by: actor) { tx, actor, user in
            try tx.orgs.memberships(of: user.id).filter { Policy.seesMembership(in: $0.orgId, of: user.id, by: actor) }
        }
    }

    /// Reads `what` about the user `id`, after `Policy.checkRead`; a refusal is audited.
    /// `notFound`: what a reader who may not see the user is told, the same as when there is
    /// no such user (by default, no user with this id).
    func readAbout<T>(_ what: UserRead, _ id: UserID, action: String, notFound: RosterError? = nil, by actor: Actor,
                      _ body: (StoreTransaction, Actor, User) throws -> T) throws -> T {
        let notFound = notFound ?? .userNotFound(String(id.rawValue))
        return try readAbout(what, action: action, notFound: notFound, by: actor, locate: { tx in
            guard let user = try tx.users.find(id) else { throw notFound }
            return user
        }, body)
    }

    /// A missing user is not found, for everyone; a hidden one is answered the same way (and
    /// the attempt audited, in a row the reader can't list).
    func readAbout<T>(_ what: UserRead, action: String, notFound: RosterError, by actor: Actor, locate: (StoreTransaction) throws -> User,
                      _ body: (StoreTransaction, Actor, User) throws -> T) throws -> T {
        let now = environment.now()
        return try stores.authorizedRead(action, by: actor, at: now) { tx, actor in
            let user = try locate(tx)
            let target = try Self.policyTarget(user, in: tx, at: now)
            if let denial = Policy.checkVisible(target, by: actor, notFound: notFound) ?? Policy.checkRead(what, by: actor, on: target) {
                var refused = RefusedRead(action, user, denial)
                refused.event.details["read"] = what.rawValue
                return .failure(refused)
            }
            return .success(try body(tx, actor, user))
        }
    }

    // Unchecked reads, for services composing their own checks and for tests. Front ends
    // use the `by:` versions above.

    func find(_ reference: String) throws -> User {
        try stores.read { tx in try Self.resolve(reference, in: tx) }
    }

    static func resolve(_ reference: String, in tx: StoreTransaction) throws -> User {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if let number = Int64(trimmed), let user = try tx.users.find(UserID(rawValue: number)) { return user }
        if let email = try? Email(trimmed), let user = try tx.users.find(email: email) { return user }
        throw RosterError.userNotFound(reference)
    }

    func user(_ id: UserID) throws -> User {
        try stores.read { tx in
            guard let user = try tx.users.find(id) else { throw RosterError.userNotFound(String(id.rawValue)) }
            return user
        }
    }

    func list(_ query: UserQuery) throws -> UserPage {
        try stores.read { tx in try tx.users.page(query, visibleTo: .everyone) }
    }

    func count(matching filter: String?) throws -> Int {
        try stores.read { tx in try tx.users.count(matching: filter, visibleTo: .everyone, limit: nil) }
    }

    func memberships(of id: UserID) throws -> [MembershipDetail] {
        try stores.read { tx in try tx.orgs.memberships(of: id) }
    }
}
