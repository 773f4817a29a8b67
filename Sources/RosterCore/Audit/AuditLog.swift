/// Reading and verifying the audit trail.
public struct AuditLog: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// Newest first, only the rows `actor` may read (`Policy.auditVisibility`); with `user`,
    /// only rows by or about that user, if `actor` may see them.
    public func recent(limit: Int = 50, about user: UserID? = nil, by actor: Actor) throws -> [AuditEntry] {
        let limit = max(1, limit)
        if let user {
            return try UserService(stores: stores, environment: environment)
                .readAbout(.activity, user, action: "audit.list", by: actor) { tx, actor, user in
                    try tx.audit.recent(limit: limit, target: user.id, visibleTo: Policy.auditVisibility(for: actor))
                }
        }
        return try stores.authorizedRead("audit.list", by: actor, at: environment.now()) { tx, actor in
            .success(try tx.audit.recent(limit: limit, target: nil, visibleTo: Policy.auditVisibility(for: actor)))
        }
    }

    /// The rows `query` selects among those `actor` may read, newest first. With
    /// `query.involving`, `actor` must also be allowed to see that user's activity.
    public func entries(_ query: AuditQuery, by actor: Actor) throws -> [AuditEntry] {
        if let user = query.involving {
            return try UserService(stores: stores, environment: environment)
                .readAbout(.activity, user, action: "audit.list", by: actor) { tx, actor, _ in
                    try tx.audit.entries(query, visibleTo: Policy.auditVisibility(for: actor))
                }
        }
        return try stores.authorizedRead("audit.list", by: actor, at: environment.now()) { tx, actor in
            .success(try tx.audit.entries(query, visibleTo: Policy.auditVisibility(for: actor)))
        }
    }

    /// Every row `query` selects (its limit is the page size), newest first, page by page
    /// from one snapshot, for `audit export`. Returns how many.
    @discardableResult
    public func export(_ query: AuditQuery, by actor: Actor, _ page: ([AuditEntry]) throws -> Void) throws -> Int {
        let count = try stores.authorizedRead("audit.export", by: actor, at: environment.now()) { tx, actor -> Result<Int, RefusedRead> in
            var next = query
            var count = 0
            while true {
                let rows = try tx.audit.entries(next, visibleTo: Policy.auditVisibility(for: actor))
                guard let last = rows.last else { break }
                try page(rows)
                count += rows.count
                if rows.count < next.limit { break }
                next.before = last.id
            }
            return .success(count)
        }
        // Reading the trail in bulk is itself recorded.
        try stores.write { tx in
            _ = try tx.audit.append(AuditEvent(action: "audit.export", details: ["count": String(count)]), by: actor, at: environment.now())
        }
        return count
    }

    /// Unchecked: for tests and break-glass tools that hold the file.
    func recent(limit: Int = 50, about user: UserID? = nil) throws -> [AuditEntry] {
        try stores.read { tx in try tx.audit.recent(limit: max(1, limit), target: user, visibleTo: .everything) }
    }

    func last() throws -> AuditEntry? {
        try stores.read { tx in try tx.audit.last() }
    }

    /// Walks the whole chain and reports the first row that doesn't hold; with `head` (from
    /// `head()`, kept elsewhere), also that the row is still there: no row up to it was removed.
    public func verify(head: AuditHead? = nil) throws -> AuditVerification {
        try stores.read { tx in try tx.audit.verify(head: head) }
    }

    /// The keyed row that started the keyed chain after old rows (nil for a trail keyed from
    /// its first row): `audit verify` shows when, so an upgrade dated long after the database
    /// was upgraded stands out.
    public func chainUpgrade() throws -> AuditEntry? {
        try stores.read { tx in try tx.audit.chainUpgrade() }
    }

    /// The newest row's id and hash, for an auditor to keep outside the database; for those
    /// who may read the whole trail.
    public func head(by actor: Actor) throws -> AuditHead? {
        try stores.authorizedRead("audit.head", by: actor, at: environment.now()) { tx, actor in
            if let denial = Policy.checkRead(.auditTrail, by: actor) { return .failure(RefusedRead("audit.head", nil, denial)) }
            return .success(try tx.audit.last().map { AuditHead(id: $0.id, hash: $0.hash) })
        }
    }
}
