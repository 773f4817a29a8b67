import Foundation
import Synchronization
import RosterCore

/// What a command needs: the database, the services, and who is acting.
struct Context {
    let roster: Roster
    /// The database, as the sessions file and messages name it.
    let address: StorageAddress
    /// The key file that seals MFA secrets and signs the audit trail.
    let keyFile: String
    let ip: String?

    var databaseName: String { address.description }

    /// `dryRun`: every change is made, reported and rolled back (`--dry-run`).
    /// `readsFromStandby`: a read-only console's reads go to a PostgreSQL standby when the address names one.
    init(_ options: DatabaseOptions, create: Bool = false, dryRun: Bool = false, readsFromStandby: Bool = false) throws {
        address = try options.resolvedAddress()
        keyFile = DatabaseOptions.keyFile(for: address)
        ip = Roster.operatorIP(CommandEnvironment.current.variables)
        if !create, let path = address.filePath, !FileManager.default.fileExists(atPath: path) {
            throw CLIError("No database at \(path). Create one with `roster init --email you@example.com`, or point --db / ROSTER_DB at an existing file.")
        }
        var environment = Self.environment()
        // The key that seals MFA secrets is read only when needed, once per process: an import
        // of 100,000 users seals and signs with it 200,000 times.
        let key = KeyCache(path: keyFile)
        environment.secrets = { try key.load() }
        let name = address.description
        let stores = try Storage.open(address, create: create, readsFromStandby: readsFromStandby, upgrading: { migrations in
            CommandEnvironment.current.write(
                "Upgrading \(name) for this version of roster (\(migrations.joined(separator: ", "))); on a large database this takes a little while, once.\n",
                to: .error)
        }, secrets: environment.secrets)
        roster = Roster(stores: stores, environment: environment, dryRun: dryRun)
        for warning in stores.warnings { Output.error("warning: \(warning)") }
    }

    /// Who is acting: over SSH, the account of the key; else `ROSTER_API_KEY` when set, else the
    /// session saved by `roster login`.
    /// Pending steps (password change, MFA enrollment, terms) are enforced by RosterCore on
    /// every call, for the CLI and the console alike.
    func actor() throws -> Actor {
        // Over SSH the key sshd accepted decides who acts; nothing in the environment can.
        if let token = RemoteSession.current { return try roster.auth.actor(forToken: token, ip: ip) }
        if let key = CommandEnvironment.current.variables["ROSTER_API_KEY"], !key.isEmpty {
            return try roster.apiKeys.authenticate(key, ip: ip)
        }
        guard let token = try SessionFile().token(for: databaseName) else { throw RosterError.notSignedIn }
        return try roster.auth.actor(forToken: token, ip: ip)
    }

    /// Live environment. In debug builds only, `ROSTER_SCRYPT_LOG_N` lowers the scrypt cost
    /// so the test suite can run the real binary quickly; a release build never reads it, so
    /// no environment variable can weaken the hashes a real roster writes.
    static func environment(_ variable: DatabaseOptions.Variable = CommandEnvironment.current.variable) -> CoreEnvironment {
        var environment = CoreEnvironment.live
        #if DEBUG
        if let text = variable("ROSTER_SCRYPT_LOG_N"), let logN = Int(text), (1...20).contains(logN) {
            environment.passwordHasher = PasswordHasher(parameters: .init(logN: logN, r: 8, p: 1))
        }
        #endif
        return environment
    }
}

/// The key file, read on first use and kept for the life of the process.
final class KeyCache: Sendable {
    private let path: String
    private let box = Mutex<SecretBox?>(nil)

    init(path: String) { self.path = path }

    func load() throws -> SecretBox {
        try box.withLock { cached in
            if let cached { return cached }
            let loaded = try KeyFile.load(from: path)
            cached = loaded
            return loaded
        }
    }
}
