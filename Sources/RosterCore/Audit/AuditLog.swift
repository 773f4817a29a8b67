/// Reading and verifying the audit trail.
public struct AuditLog: Sendable {
    let stores: any Stores

    public init(stores: any Stores) {
        self.stores = stores
    }

    /// Newest first; optionally only rows about one user.
    public func recent(limit: Int = 50, about user: UserID? = nil) throws -> [AuditEntry] {
        try stores.read { tx in try tx.audit.recent(limit: max(1, limit), target: user) }
    }

    public func last() throws -> AuditEntry? {
        try stores.read { tx in try tx.audit.last() }
    }

    /// Walks the whole chain and reports the first row that doesn't hold.
    public func verify() throws -> AuditVerification {
        try stores.read { tx in try tx.audit.verify() }
    }
}
