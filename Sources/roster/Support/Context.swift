import Foundation
import RosterCore

/// What a command needs: the database, the services, and who is acting.
struct Context {
    let roster: Roster
    let databasePath: String
    let ip: String?

    init(_ options: DatabaseOptions, create: Bool = false) throws {
        databasePath = options.resolvedPath()
        ip = Roster.operatorIP()
        if !create, !FileManager.default.fileExists(atPath: databasePath) {
            throw CLIError("No database at \(databasePath). Create one with `roster init --email you@example.com`, or point --db / ROSTER_DB at an existing file.")
        }
        roster = Roster(database: try AppDatabase.open(path: databasePath, create: create), environment: Self.environment())
    }

    /// The signed-in account for this database.
    func actor() throws -> Actor {
        guard let token = SessionFile().token(for: databasePath) else { throw RosterError.notSignedIn }
        return try roster.auth.actor(forToken: token, ip: ip)
    }

    /// Live environment; `ROSTER_SCRYPT_LOG_N` lowers the scrypt cost for the test suite only.
    static func environment(_ variables: [String: String] = ProcessInfo.processInfo.environment) -> CoreEnvironment {
        var environment = CoreEnvironment.live
        if let text = variables["ROSTER_SCRYPT_LOG_N"], let logN = Int(text), (1...20).contains(logN) {
            environment.passwordHasher = PasswordHasher(parameters: .init(logN: logN, r: 8, p: 1))
        }
        return environment
    }
}
