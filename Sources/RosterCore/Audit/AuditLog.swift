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

    /// The newest row's id and hash, for an auditor to keep outside the database; for those
    /// who may read the whole trail.
    public func head(by actor: Actor) throws -> AuditHead? {
        try stores.authorizedRead("audit.head", by: actor, at: environment.now()) { tx, actor in
            if let denial = Policy.checkRead(.auditTrail, by: actor) { return .failure(RefusedRead("audit.head", nil, denial)) }
            return .success(try tx.audit.last().map { AuditHead(id: $0.id, hash: $0.hash) })
        }
    }
}
