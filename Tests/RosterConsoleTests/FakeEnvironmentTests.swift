import Foundation
import RosterConsole
@testable import RosterCore
import RosterTerminal
import Synchronization
import Testing

/// The console on a test environment of fake services (no database): what the console does
/// with answers is tested apart from what the services answer.
/// What the fake bulk service was asked to act on.
final class AskedTargets: Sendable {
    let targets = Mutex<[BulkTargets]>([])
}

@Suite("Console on fake services")
struct FakeEnvironmentTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func row(_ id: Int64, _ name: String) throws -> UserRow {
        UserRow(id: UserID(rawValue: id), email: try Email("\(name.lowercased().replacingOccurrences(of: " ", with: "."))@example.com"),
                name: name, kind: .standard, systemRole: .standard, status: .active, lockedByAdmin: false, lockedUntil: nil,
                mfaEnabled: false, orgs: "", createdAt: now, lastSignInAt: nil, version: 1)
    }

    /// Fake services over `rows`: a contains filter, name order, and a bulk action that records what it was asked.
    static func environment(_ rows: [UserRow], asked: AskedTargets) -> ConsoleEnvironment {
        @Sendable func matching(_ filter: String?) -> [UserRow] {
            let needle = filter?.lowercased() ?? ""
            return rows.filter { needle.isEmpty || $0.name.lowercased().contains(needle) || $0.email.value.contains(needle) }
                .sorted { $0.name < $1.name }
        }
        let admin = Operator(email: "op@example.com", role: .administrator)
        var environment = ConsoleEnvironment(
            signIn: { _, _, _ in admin },
            loadUsers: { query in
                let found = matching(query.filter)
                return UserPage(rows: Array(found.prefix(query.limit)), hasMoreBefore: false, hasMoreAfter: found.count > query.limit)
            },
            countUsers: { filter in matching(filter).count },
            checkSession: { admin }, signOut: {}, now: { now }, formatting: Formatting(timeZone: .utc))
        environment.bulk = { action, targets, expected, progress in
            asked.targets.withLock { $0.append(targets) }
            var report = BulkReport(selected: expected)
            for index in 0..<expected {
                report.done.append("user \(index)")
                _ = progress(index + 1, expected)
            }
            return report
        }
        return environment
    }

    func run(_ state: inout ConsoleState, _ action: ConsoleAction, _ environment: ConsoleEnvironment) {
        var queue = ConsoleReducer.reduce(&state, action)
        while !queue.isEmpty {
            if let next = queue.removeFirst().perform(environment) { queue += ConsoleReducer.reduce(&state, next) }
        }
    }

    @Test("the table, its filter and a bulk lock run on fake services exactly as on the live ones")
    func tableAndBulkOnFakes() throws {
        let rows = try ["Ana Souza", "Bo Li", "Anaïs Roy", "Chen Wei"].enumerated().map { try Self.row(Int64($0.offset + 1), $0.element) }
        let asked = AskedTargets()
        let environment = Self.environment(rows, asked: asked)
        var state = ConsoleState(size: Size(width: 80, height: 24), screen: .signIn(SignInState()))
        state.signedIn = Operator(email: "op@example.com", role: .administrator)
        var effects = ConsoleReducer.startUsers(&state)
        while !effects.isEmpty {
            if let next = effects.removeFirst().perform(environment) { effects += ConsoleReducer.reduce(&state, next) }
        }
        guard case .users(let users) = state.screen else { Issue.record("no table"); return }
        #expect(users.rows.map(\.name) == ["Ana Souza", "Anaïs Roy", "Bo Li", "Chen Wei"])
        for key in ["/", "a", "n", "a"] { run(&state, .key(.character(Character(key))), environment) }
        run(&state, .key(.enter), environment)
        guard case .users(let filtered) = state.screen else { Issue.record("no table"); return }
        #expect(filtered.rows.map(\.name) == ["Ana Souza", "Anaïs Roy"])
        run(&state, .key(" "), environment)
        run(&state, .key(" "), environment)
        run(&state, .key("L"), environment)
        run(&state, .key(.tab), environment)
        run(&state, .key(.enter), environment)
        #expect(asked.targets.withLock { $0 } == [.users([UserID(rawValue: 1), UserID(rawValue: 3)])])
        guard case .users(let done) = state.screen, case .finished(let lines, _)? = done.bulk?.phase else { Issue.record("no report"); return }
        #expect(lines.first == "Locked 2 of 2 users.")
    }

    @Test("an export goes to the service as the marks and the typed path; a refusal is said and nothing else changes")
    func exportOnFakes() throws {
        let rows = try ["Ana Souza", "Bo Li", "Chen Wei"].enumerated().map { try Self.row(Int64($0.offset + 1), $0.element) }
        let asked = AskedTargets()
        let paths = Mutex<[String]>([])
        var environment = Self.environment(rows, asked: asked)
        environment.exportUsers = { targets, path in
            asked.targets.withLock { $0.append(targets) }
            paths.withLock { $0.append(path) }
            guard path != "/full/disk.csv" else { throw RosterError.unchanged("the disk is full.") }
            return "Exported to \(path)."
        }
        var state = ConsoleState(size: Size(width: 80, height: 24), screen: .signIn(SignInState()))
        state.signedIn = Operator(email: "op@example.com", role: .administrator)
        var effects = ConsoleReducer.startUsers(&state)
        while !effects.isEmpty {
            if let next = effects.removeFirst().perform(environment) { effects += ConsoleReducer.reduce(&state, next) }
        }
        run(&state, .key(" "), environment)
        run(&state, .key("x"), environment)
        run(&state, .key(.enter), environment)
        #expect(asked.targets.withLock { $0 } == [.users([UserID(rawValue: 1)])])
        #expect(paths.withLock { $0 } == ["~/roster-users.csv"], "the path as typed; the live service expands ~")
        guard case .users(let users) = state.screen else { Issue.record("no table"); return }
        #expect(users.notice == "Exported to ~/roster-users.csv." && !users.exporting)
        run(&state, .key("x"), environment)
        run(&state, .key(.control("u")), environment)
        for character in "/full/disk.csv" { run(&state, .key(.character(character)), environment) }
        run(&state, .key(.enter), environment)
        guard case .users(let refused) = state.screen else { Issue.record("no table"); return }
        #expect(refused.notice == RosterError.unchanged("the disk is full.").message && refused.marks.count == 1, "the marks stay for another try")
    }
}
