import Foundation

/// Reading a selection of users page by page: filtered lists, exports, bulk actions.
extension UserService {
    /// One page of the users `actor` can see that match `selection`, after `cursor`.
    public func select(_ selection: UserSelection, sort: UserSort = UserSort(), after cursor: UserCursor? = nil,
                       limit: Int = 50, by actor: Actor) throws -> (users: [ExportedUser], hasMore: Bool) {
        let limit = max(1, min(limit, 1000))
        return try stores.authorizedRead("user.list", by: actor, at: environment.now()) { tx, actor -> Result<([ExportedUser], Bool), RefusedRead> in
            if let refused = Self.refusal(selection, sort: sort, action: "user.list", for: actor) { return .failure(refused) }
            var users = try tx.users.select(selection, visibleTo: Policy.visibility(for: actor), sort: sort, after: cursor,
                                            limit: limit + 1, now: environment.now())
            let hasMore = users.count > limit
            if hasMore { users.removeLast() }
            return .success((Self.hidingWhatTheyMayNotSee(users, from: actor), hasMore))
        }
    }

    /// How many of the users `actor` can see match `selection`.
    public func count(_ selection: UserSelection, by actor: Actor) throws -> Int {
        try stores.authorizedRead("user.list", by: actor, at: environment.now()) { tx, actor -> Result<Int, RefusedRead> in
            if let refused = Self.refusal(selection, sort: UserSort(), action: "user.list", for: actor) { return .failure(refused) }
            return .success(try tx.users.count(selection, visibleTo: Policy.visibility(for: actor), now: environment.now()))
        }
    }

    /// Hands every user `actor` can see that matches `selection` to `page`, `pageSize` at a
    /// time, all read from one snapshot (writers carry on meanwhile), so memory stays flat at
    /// any size. The export is audited with its count and selection. Returns the count.
    @discardableResult
    /// `destination`: the file the rows go to, for the audit row (where personal data went).
    public func export(_ selection: UserSelection, sort: UserSort = UserSort(), pageSize: Int = 1000, destination: String? = nil,
                       by actor: Actor, _ page: ([ExportedUser]) throws -> Void) throws -> Int {
        let started = environment.now()
        let count: Int = try stores.authorizedRead("user.export", by: actor, at: started) { tx, actor -> Result<Int, RefusedRead> in
            if let refused = Self.refusal(selection, sort: sort, action: "user.export", for: actor) { return .failure(refused) }
            var count = 0
            try tx.users.each(selection, visibleTo: Policy.visibility(for: actor), sort: sort, pageSize: pageSize, now: started) { users in
                try page(Self.hidingWhatTheyMayNotSee(users, from: actor))
                count += users.count
            }
            return .success(count)
        }
        try stores.write { tx in
            var details = Self.describe(selection, count: count)
            details["file"] = destination
            _ = try tx.audit.append(AuditEvent(action: "user.export", details: details),
                                    by: actor, at: environment.now())
        }
        return count
    }

    /// `Policy.checkSelection`, as a refused read to audit.
    static func refusal(_ selection: UserSelection, sort: UserSort, action: String, for actor: Actor) -> RefusedRead? {
        Policy.checkSelection(role: selection.role, org: selection.org, sortsByRole: sort.column == .role, by: actor)
            .map { RefusedRead(action, nil, $0) }
    }

    /// What `actor` may not see, taken out: system roles, and memberships in orgs
    /// an org admin doesn't administer.
    static func hidingWhatTheyMayNotSee(_ users: [ExportedUser], from actor: Actor) -> [ExportedUser] {
        let showsRoles = Policy.maySeeSystemRole(actor)
        guard !showsRoles || Policy.visibility(for: actor) != .everyone else { return users }
        return users.map { user in
            var hidden = user
            if !showsRoles { hidden.row.systemRole = nil }
            hidden.memberships = user.memberships.filter { Policy.seesMembership(in: $0.orgId, of: user.row.id, by: actor) }
            if hidden.memberships != user.memberships { hidden.row.orgs = hidden.memberships.map(\.org).joined(separator: ", ") }
            return hidden
        }
    }

    static func describe(_ selection: UserSelection, count: Int) -> [String: String] {
        var details = ["count": String(count)]
        if let text = selection.text { details["filter"] = text }
        if let org = selection.org { details["orgId"] = String(org.rawValue) }
        if let role = selection.role { details["role"] = role.name }
        if let status = selection.status { details["status"] = status.rawValue }
        if let kind = selection.kind { details["kind"] = kind.name }
        if let locked = selection.locked { details["locked"] = String(locked) }
        if let mfa = selection.mfa { details["mfa"] = String(mfa) }
        if let days = selection.noSignInForDays { details["noSignInForDays"] = String(days) }
        if let ids = selection.ids { details["picked"] = String(ids.count) }
        if !selection.excluding.isEmpty { details["unmarked"] = String(selection.excluding.count) }
        return details
    }
}
