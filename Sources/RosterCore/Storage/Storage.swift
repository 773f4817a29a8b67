import Foundation

/// Opens the backend an address names. The one place that turns an address into stores, so
/// nothing above `Storage/` ever names a backend.
public enum Storage {
    /// Opens (creating if `create`) and migrates the data at `address`. `upgrading` hears the
    /// migrations about to run on existing data, before they run. `secrets`: the key file,
    /// which seals MFA secrets and signs the audit trail.
    /// `readsFromStandby`: on PostgreSQL, reads go to a streaming standby when the address
    /// names one (a read-only console); writes (sign-in, sessions, audit) still go to the primary.
    public static func open(_ address: StorageAddress, create: Bool = false, readsFromStandby: Bool = false,
                            upgrading: (_ migrations: [String]) -> Void = { _ in },
                            secrets: @escaping @Sendable () throws -> SecretBox) throws -> any Stores {
        switch address {
        case .file(let path):
            let database = try AppDatabase.open(path: path, create: create, upgrading: upgrading, secrets: secrets)
            return SQLiteStores(database: database, secrets: secrets)
        case .postgres(let postgres):
            return try PostgresStores.open(postgres, create: create, readsFromStandby: readsFromStandby, upgrading: upgrading, secrets: secrets)
        }
    }

    /// Opens existing data to read it as it is: no migration and no write (`audit verify`,
    /// `ssh authorized-keys`, and a standby server).
    public static func openReadOnly(_ address: StorageAddress,
                                    secrets: @escaping @Sendable () throws -> SecretBox) throws -> any Stores {
        switch address {
        case .file(let path):
            return SQLiteStores(database: try AppDatabase.openReadOnly(path: path), secrets: secrets)
        case .postgres(let postgres):
            return try PostgresStores.openReadOnly(postgres, secrets: secrets)
        }
    }
}
