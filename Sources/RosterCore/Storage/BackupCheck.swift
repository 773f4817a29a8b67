import Foundation

/// What a backup check found (`roster backup` after writing, `roster restore-check`).
public struct BackupCheck: Sendable, Equatable {
    public var path: String
    /// "ok", or SQLite's first complaint.
    public var integrity: String
    public var audit: AuditVerification
    public var users: Int
    public var orgs: Int
    /// The newest schema migration the copy has.
    public var schema: String

    public var isSound: Bool {
        guard integrity == "ok", case .intact = audit else { return false }
        return true
    }
}

extension Roster {
    /// Backs the data up to `destination` (the backend's way: SQLite copies the file and its
    /// key file) and records it in the live audit trail: who ran it (the operating-system
    /// account, as file or server access is what allows it), where to, and what the copy held.
    public func backup(to destination: String) throws -> BackupCheck {
        let check = try stores.backup(to: destination)
        let actor = Actor.system("backup (uid \(getuid()))")
        try stores.write { tx in
            _ = try tx.audit.append(AuditEvent(action: "database.backup", details: [
                "path": destination, "users": String(check.users), "schema": check.schema,
            ]), by: actor, at: environment.now())
        }
        return check
    }
}
