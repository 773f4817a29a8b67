import Foundation
import RosterConsole
import RosterCore
import RosterTerminal
import Synchronization
import Testing

/// Deterministic bytes for the seeded database.
final class CountingRandom: Sendable {
    private let state = Mutex<UInt64>(7)
    func bytes(_ count: Int) -> [UInt8] {
        state.withLock { s in
            (0..<count).map { _ in
                s = s &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: s >> 33)
            }
        }
    }
}

/// The test clock: it stands still until a test moves it.
final class TestClock: Sendable {
    private let current = Mutex(Harness.now)
    var now: Date { current.withLock { $0 } }
    func advance(minutes: Double) { current.withLock { $0 = $0.addingTimeInterval(minutes * 60) } }
}

/// A console over a real in-memory Roster with a fake clock and demo data, whose effects run
/// synchronously: send an action, and every effect it causes is performed and fed back.
struct Harness {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
    let clock = TestClock()
    var state: ConsoleState
    let environment: ConsoleEnvironment
    let roster: Roster
    var performed: [Effect] = []
    /// The console's session: signed in for real, as the operator would be.
    let session: ConsoleSession

    init(users: Int = 120, size: Size = Size(width: 80, height: 24), signedIn: Bool = true, ascii: Bool = false) throws {
        let random = CountingRandom()
        let clock = self.clock
        let core = CoreEnvironment(now: { clock.now }, randomBytes: { random.bytes($0) },
                                   passwordHasher: PasswordHasher(parameters: .testing),
                                   secrets: { try SecretBox(keyBytes: Array(repeating: 9, count: 32)) })
        roster = Roster(database: try AppDatabase.inMemory(), environment: core)
        let credentials = try DemoSeeder(roster: roster).seed(users: users)
        session = ConsoleSession()
        environment = ConsoleEnvironment.live(roster, ip: nil, session: session, timeZone: .utc,
                                              database: "(in memory)")
        let hint = "Demo database: sign in as \(credentials.email) with password \(credentials.password)"
        state = ConsoleState(size: size, screen: .signIn(SignInState(email: credentials.email, demoHint: hint)), ascii: ascii)
        state.timeZone = environment.formatting.timeZone
        if signedIn {
            state.signedIn = try environment.signIn(credentials.email, credentials.password, nil)
            run(ConsoleReducer.startUsers(&state))
        }
    }

    /// Turns the two-person rule off (`approval.required-for` empty), as a one-administrator
    /// team would, for tests about something else that one administrator does alone.
    func approvalsOff() throws {
        _ = try roster.settings.set(.approvalRequiredFor, to: "", by: .system("test"))
    }

    /// The demo administrator's password, from the hint on the sign-in screen.
    func demoPassword() throws -> String {
        guard case .signIn(let form) = state.screen, let hint = form.demoHint,
              let password = hint.split(separator: " ").last else {
            throw HarnessFailure("expected the sign-in screen with a demo hint")
        }
        return String(password)
    }

    /// Turns on TOTP for the demo administrator, as they would with `roster mfa enroll`.
    func enrollDemoAdministratorInMFA(password: String) throws -> TOTP {
        let signIn = try roster.auth.signIn(email: "admin@demo.example", password: password, ip: nil, client: "test")
        let actor = try roster.auth.actor(forToken: signIn.token, ip: nil)
        let enrollment = try roster.mfa.beginEnrollment(password: password, by: actor)
        guard let secret = Base32.decode(enrollment.secret) else { throw HarnessFailure("enrollment secret is not Base32") }
        let totp = TOTP(secret: secret)
        _ = try roster.mfa.confirmEnrollment(code: totp.code(at: Harness.now), by: actor)
        return totp
    }

    mutating func send(_ action: ConsoleAction) {
        run(ConsoleReducer.reduce(&state, action))
    }

    mutating func press(_ keys: Key...) {
        for key in keys { send(.key(key)) }
    }

    mutating func type(_ text: String) {
        for character in text { send(.key(.character(character))) }
    }

    private mutating func run(_ effects: [Effect]) {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            performed.append(effect)
            // Progress a long effect posts is reduced before its result, as the runtime would.
            let posted = Mutex<[ConsoleAction]>([])
            let context = EffectContext(post: { action in posted.withLock { $0.append(action) } }, cancel: {}, isCancelled: { false })
            let result = effect.perform(environment, context)
            for action in posted.withLock({ $0 }) + (result.map { [$0] } ?? []) {
                queue += ConsoleReducer.reduce(&state, action)
            }
        }
    }

    var users: UsersState {
        guard case .users(let users) = state.screen else { return UsersState() }
        return users
    }

    func screen() -> CellGrid {
        var grid = CellGrid(size: state.size)
        ConsoleView.draw(state, formatting: environment.formatting, now: Harness.now, on: &grid)
        return grid
    }
}

/// Compares a screen with `Screens/<name>.txt` (and optional layers); `ROSTER_RECORD_SCREENS=1` re-records.
func assertGolden(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let file = root.appendingPathComponent("Screens").appendingPathComponent(name + ".txt")
    let record = ProcessInfo.processInfo.environment["ROSTER_RECORD_SCREENS"] == "1"
    if record || !FileManager.default.fileExists(atPath: file.path) {
        try (text + "\n").write(to: file, atomically: true, encoding: .utf8)
        if !record { Issue.record(Comment(rawValue: "Recorded new golden \(name).txt; check it and run again."), sourceLocation: sourceLocation) }
        return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    if expected != text + "\n" {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = (text + "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var diff: [String] = []
        for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : "") != (i < b.count ? b[i] : "") {
            diff.append("line \(i + 1):\n- \(i < a.count ? a[i] : "")\n+ \(i < b.count ? b[i] : "")")
        }
        let shown = diff.prefix(12).joined(separator: "\n")
        Issue.record(Comment(rawValue: "Screen \(name) differs from Screens/\(name).txt (ROSTER_RECORD_SCREENS=1 re-records):\n\(shown)"),
                     sourceLocation: sourceLocation)
    }
}

struct HarnessFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
