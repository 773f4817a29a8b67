import Foundation
import RosterTestSupport
import Synchronization
import Testing
@testable import RosterCore

/// The storage backends every store contract test runs against.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// Both where PostgreSQL is installed; SQLite alone elsewhere, with the reason shown.
    static var all: [Backend] { PostgresServer.isInstalled ? allCases : [.sqlite] }

    /// A new, empty, migrated database of this kind.
    func stores(secrets: @escaping @Sendable () throws -> SecretBox) throws -> (any Stores, AppDatabase?) {
        switch self {
        case .sqlite:
            let database = try AppDatabase.inMemory()
            return (SQLiteStores(database: database, secrets: secrets), database)
        case .postgres:
            let address = try PostgresTemplate.newDatabase()
            return (try Storage.open(.postgres(PostgresAddress(address)), secrets: secrets), nil)
        }
    }
}

extension Backend {
    /// Two handles on one new database, as two roster processes (or two hosts) would have;
    /// `cleanup` removes an SQLite file's folder (PostgreSQL's go with the cluster).
    func twoHandles(secrets: @escaping @Sendable () throws -> SecretBox) throws -> (any Stores, any Stores, cleanup: () -> Void) {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roster-tests-\(UUID().uuidString)").path
            let path = folder + "/roster.sqlite"
            let first = SQLiteStores(database: try AppDatabase.open(path: path), secrets: secrets)
            let second = SQLiteStores(database: try AppDatabase.open(path: path), secrets: secrets)
            return (first, second, { try? FileManager.default.removeItem(atPath: folder) })
        case .postgres:
            let address = StorageAddress.postgres(try PostgresAddress(try PostgresTemplate.newDatabase()))
            return (try Storage.open(address, secrets: secrets), try Storage.open(address, secrets: secrets), {})
        }
    }
}

/// One migrated database in the run's throwaway cluster, copied for every test (a template
/// copy takes milliseconds; migrating anew would take longer).
enum PostgresTemplate {
    private static let template = Mutex<String?>(nil)

    static func newDatabase() throws -> String {
        let server = try PostgresServer.shared()
        let template = try self.template.withLock { name in
            if let name { return name }
            let created = try server.createDatabase(prefix: "template")
            // Migrated, then every connection to it closed (a template must have none).
            _ = try Storage.open(.postgres(PostgresAddress(server.address(created))), create: true,
                                 secrets: { try SecretBox(keyBytes: Array(repeating: 42, count: 32)) })
            name = created
            return created
        }
        return server.address(try server.createDatabase(template: template))
    }
}

/// A clock tests can move.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_790_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(minutes: Double) { current.withLock { $0 = $0.addingTimeInterval(minutes * 60) } }
}

/// Deterministic "random" bytes: different on every call, the same across runs.
final class TestRandom: Sendable {
    private let counter = Mutex<UInt64>(0x9E37_79B9_7F4A_7C15)
    func bytes(_ count: Int) -> [UInt8] {
        counter.withLock { state in
            (0..<count).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
        }
    }
}

/// A fresh in-memory Roster with fast password hashing and a fixed clock.
struct Fixture {
    let roster: Roster
    let backend: Backend
    /// The SQLite database under it, for tests that reach past the services on purpose.
    var database: AppDatabase {
        get throws {
            guard let sqlite else { throw RosterError.database(.notOnThisBackend("this test reads SQLite's file; run it on .sqlite")) }
            return sqlite
        }
    }
    private let sqlite: AppDatabase?
    let clock: TestClock
    let root = Actor.system("test")

    init(_ backend: Backend = .sqlite, database: AppDatabase? = nil, stores given: (any Stores)? = nil) throws {
        let clock = TestClock()
        let random = TestRandom()
        let environment = CoreEnvironment(
            now: { clock.now },
            randomBytes: { random.bytes($0) },
            passwordHasher: PasswordHasher(parameters: .testing),
            secrets: { try SecretBox(keyBytes: Array(repeating: 42, count: 32)) })
        self.clock = clock
        self.backend = backend
        if let database {
            sqlite = database
            roster = Roster(database: database, environment: environment)
        } else if let given {
            sqlite = (given as? SQLiteStores)?.database
            roster = Roster(stores: given, environment: environment)
        } else {
            let (stores, database) = try backend.stores(secrets: environment.secrets)
            sqlite = database
            roster = Roster(stores: stores, environment: environment)
        }
    }

    /// Creates an active user with a typed password and returns it with an actor for it.
    /// Nothing is pending for it (no password change, no terms) unless asked for.
    @discardableResult
    func user(_ email: String, _ role: SystemRole, kind: AccountKind = .standard, org: OrgID? = nil,
              orgRole: OrgRole = .member, password: String = "correct horse battery",
              passwordChangeRequired: Bool = false, termsAcceptanceRequired: Bool = false) throws -> User {
        let input = NewUser(email: email, firstName: "First", lastName: email.components(separatedBy: "@")[0].capitalized,
                            kind: kind, systemRole: role, password: kind == .service ? .none : .typed(password),
                            passwordChangeRequired: passwordChangeRequired, termsAcceptanceRequired: termsAcceptanceRequired,
                            org: org, orgRole: orgRole)
        return try roster.users.create(input, by: root).user
    }

    /// The actor a signed-in `user` would be, with their org roles as stored now.
    func actor(_ user: User) throws -> Actor {
        let roles = try roster.users.memberships(of: user.id).reduce(into: [OrgID: OrgRole]()) { $0[$1.orgId] = $1.role }
        return Actor(identity: .user(user.id, user.email), systemRole: user.systemRole, kind: user.kind, orgRoles: roles, ip: "192.0.2.7")
    }

    /// Signs `user` in as the person would, returning their actor.
    func signIn(_ email: String, password: String = "correct horse battery", code: String? = nil) throws -> Actor {
        let signIn = try roster.auth.signIn(email: email, password: password, code: code, ip: "192.0.2.9", client: "test")
        return try roster.auth.actor(forToken: signIn.token, ip: "192.0.2.9")
    }

    /// Turns the two-person rule off (`approval.required-for` empty), as a one-administrator
    /// team would, for tests about something else that one administrator does alone.
    func approvalsOff() throws {
        _ = try roster.settings.set(.approvalRequiredFor, to: "", by: root)
    }

    func lastAudit() throws -> AuditEntry {
        guard let entry = try roster.audit.last() else { throw RosterError.userNotFound("no audit rows") }
        return entry
    }

    /// Two fixtures on one database, with the same key and clock settings (two processes).
    static func pair(_ backend: Backend) throws -> (Fixture, Fixture, cleanup: () -> Void) {
        let (first, second, cleanup) = try backend.twoHandles(secrets: { try SecretBox(keyBytes: Array(repeating: 42, count: 32)) })
        return (try Fixture(backend, stores: first), try Fixture(backend, stores: second), cleanup)
    }

    func auditCount() throws -> Int {
        // Rows are numbered 1, 2, 3… by the chain, on every backend.
        Int(try roster.audit.last()?.id ?? 0)
    }
}

import GRDB
