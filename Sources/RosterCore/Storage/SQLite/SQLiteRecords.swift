import Foundation
import GRDB

// How the domain's records map to SQLite rows (GRDB). The domain types themselves know
// nothing of storage; the PostgreSQL backend maps the same types its own way.

extension Membership: FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "membership"

    public func encode(to container: inout PersistenceContainer) throws {
        container["userId"] = userId
        container["orgId"] = orgId
        container["role"] = role.rawValue
        container["createdAt"] = StoredDate(createdAt)
    }
}

extension Org: FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "org"
}

extension UserGroup: FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "userGroup"
}

extension TOTPCredential: FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "totpCredential"
}

extension RecoveryCode: FetchableRecord, MutablePersistableRecord, StoredDateRecord {
    public static let databaseTableName = "recoveryCode"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension PasswordReset: FetchableRecord, MutablePersistableRecord, StoredDateRecord {
    public static let databaseTableName = "passwordReset"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    // Written out rather than through Encodable: an import writes one per user.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["userId"] = userId
        container["tokenHash"] = tokenHash
        container["purpose"] = purpose.rawValue
        container["createdAt"] = StoredDate(createdAt)
        container["createdBy"] = createdBy
        container["expiresAt"] = StoredDate(expiresAt)
        container["usedAt"] = usedAt.map(StoredDate.init)
        container["cancelledAt"] = cancelledAt.map(StoredDate.init)
    }
}

extension APIKey: FetchableRecord, MutablePersistableRecord, StoredDateRecord {
    public static let databaseTableName = "apiKey"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension SSHKey: FetchableRecord, MutablePersistableRecord, StoredDateRecord {
    public static let databaseTableName = "sshKey"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Column by column, as `User(row:)` is read, for `ssh authorized-keys` (every connection).
    public init(row: Row) throws {
        self.init(id: try row.decode(forColumn: "id"), userId: try row.decode(forColumn: "userId"),
                  fingerprint: try row.decode(forColumn: "fingerprint"), type: try row.decode(forColumn: "type"),
                  bits: try row.decode(forColumn: "bits"), publicKey: try row.decode(forColumn: "publicKey"),
                  comment: try row.decode(forColumn: "comment"), createdAt: try row.date("createdAt"),
                  createdBy: try row.decode(forColumn: "createdBy"), lastUsedAt: try row.date("lastUsedAt"))
    }
}

extension Elevation: FetchableRecord, MutablePersistableRecord, StoredDateRecord {
    public static let databaseTableName = "elevation"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = ElevationID(rawValue: inserted.rowID) }
}

extension ApprovalRequest: FetchableRecord, MutablePersistableRecord, StoredDateRecord {
    public static let databaseTableName = "approvalRequest"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = ApprovalID(rawValue: inserted.rowID) }
}

extension AccessReview: FetchableRecord, MutablePersistableRecord, StoredDateRecord {
    public static let databaseTableName = "accessReview"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = ReviewID(rawValue: inserted.rowID) }
}

extension ReviewItem: FetchableRecord, MutablePersistableRecord, StoredDateRecord {
    public static let databaseTableName = "accessReviewItem"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension User: FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "user"

    /// Read column by column rather than through `Codable`, whose decoding asks the Swift
    /// runtime, for each field's type, which protocols it conforms to: a scan of every
    /// conformance in the binary the first time in a process, a tenth of the CPU of each
    /// `ssh authorized-keys` and of opening a console. The values are read as GRDB reads them.
    public init(row: Row) throws {
        func stored<Value: RawRepresentable>(_ column: String, as type: Value.Type) throws -> Value
        where Value.RawValue: DatabaseValueConvertible {
            let raw: Value.RawValue = try row.decode(forColumn: column)
            guard let value = Value(rawValue: raw) else {
                throw RosterError.database(.other("user: \(column) holds \(raw), which this version of roster does not know"))
            }
            return value
        }
        self.init(id: try row.decode(forColumn: "id"), email: try Email(try row.decode(String.self, forColumn: "email")),
                  firstName: try row.decode(forColumn: "firstName"), lastName: try row.decode(forColumn: "lastName"),
                  kind: try stored("kind", as: AccountKind.self), systemRole: try stored("systemRole", as: SystemRole.self),
                  status: try stored("status", as: AccountStatus.self), lockedByAdmin: try row.decode(forColumn: "lockedByAdmin"),
                  lockedUntil: try row.date("lockedUntil"), failedSignIns: try row.decode(forColumn: "failedSignIns"),
                  passwordHash: try row.decode(forColumn: "passwordHash"),
                  passwordChangeRequired: try row.decode(forColumn: "passwordChangeRequired"),
                  mfaEnrollmentRequired: try row.decode(forColumn: "mfaEnrollmentRequired"),
                  mfaEnabled: try row.decode(forColumn: "mfaEnabled"),
                  termsAcceptanceRequired: try row.decode(forColumn: "termsAcceptanceRequired"),
                  termsAcceptedAt: try row.date("termsAcceptedAt"), timeZone: try row.decode(forColumn: "timeZone"),
                  logOutAfterMinutes: try row.decode(forColumn: "logOutAfterMinutes"), createdAt: try row.date("createdAt"),
                  lastSignInAt: try row.date("lastSignInAt"), version: try row.decode(forColumn: "version"))
    }

    public enum Columns {
        public static let id = Column("id")
        public static let email = Column("email")
        public static let systemRole = Column("systemRole")
        public static let status = Column("status")
        public static let version = Column("version")
        /// Generated column "firstName lastName", indexed for sort and filter.
        public static let name = Column("name")
    }
}

extension SignInSource: FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "signInSource"
}

extension Session: FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "session"
}

extension IPRule: FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "ipRule"
}

extension AuditEntry: FetchableRecord, PersistableRecord, StoredDateRecord {
    public static let databaseTableName = "auditEntry"

    // Written out rather than through Encodable: every change writes one.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["at"] = StoredDate(at)
        container["actorId"] = actorId
        container["actor"] = actor
        container["actorIP"] = actorIP
        container["action"] = action
        container["targetId"] = targetId
        container["target"] = target
        container["orgId"] = orgId
        container["org"] = org
        container["outcome"] = outcome.rawValue
        container["details"] = details
        container["previousHash"] = previousHash
        container["hash"] = hash
        container["chain"] = chain
    }
}

extension OutboxMessage: FetchableRecord, MutablePersistableRecord, StoredDateRecord {
    public static let databaseTableName = "outboxMessage"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    // Written out rather than through Encodable: an import queues one per user.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["createdAt"] = StoredDate(createdAt)
        container["recipient"] = recipient
        container["subject"] = subject
        container["body"] = body
        container["status"] = status.rawValue
        container["attempts"] = attempts
        container["lastAttemptAt"] = lastAttemptAt.map(StoredDate.init)
        container["nextAttemptAt"] = StoredDate(nextAttemptAt)
        container["lastError"] = lastError
        container["sentAt"] = sentAt.map(StoredDate.init)
        container["sealedToken"] = sealedToken
    }
}

// Typed ids and emails are stored as their raw values (GRDB's RawRepresentable default).

extension UserID: DatabaseValueConvertible {}
extension OrgID: DatabaseValueConvertible {}
extension GroupID: DatabaseValueConvertible {}
extension SessionID: DatabaseValueConvertible {}
extension ElevationID: DatabaseValueConvertible {}
extension ApprovalID: DatabaseValueConvertible {}
extension ReviewID: DatabaseValueConvertible {}

extension Email: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { value.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Email? {
        String.fromDatabaseValue(dbValue).map(Email.init(stored:))
    }
}
