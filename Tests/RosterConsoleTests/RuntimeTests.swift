import Foundation
import Synchronization
import RosterConsole
import RosterCore
import RosterTerminal
import Testing

/// A terminal typed on by a script: it hands over keys in bursts and counts frames.
final class ScriptedTerminal: TerminalDevice {
    let size = Size(width: 80, height: 24)
    let theme = Theme.monochrome
    let glyphs = Glyphs.unicode
    var frames = 0
    /// Called whenever the runtime asks for input; returns the keys "typed" since the last call.
    var typing: () -> [Key] = { [] }
    private var pending: [Key] = []

    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        if pending.isEmpty { pending = typing() }
        if pending.isEmpty {
            if timeoutMilliseconds > 0 { Thread.sleep(forTimeInterval: Double(timeoutMilliseconds) / 1000) }
            return nil
        }
        return .key(pending.removeFirst())
    }

    func present(_ grid: CellGrid) {
        frames += 1
    }
}

@Suite("Console runtime")
struct RuntimeTests {
    /// A runtime on the users table, signed in as the demo administrator, typed on by a script.
    static func usersTable(_ harness: Harness, environment: ConsoleEnvironment? = nil) throws
        -> (runtime: ConsoleRuntime, terminal: ScriptedTerminal, start: [Effect]) {
        let environment = environment ?? harness.environment
        var state = harness.state
        state.signedIn = try environment.signIn("admin@demo.example", try harness.demoPassword(), nil)
        let start = ConsoleReducer.startUsers(&state)
        let terminal = ScriptedTerminal()
        return (ConsoleRuntime(state: state, terminal: terminal, environment: environment), terminal, start)
    }

    /// Runs the console until its script quits, or for 20 seconds.
    static func run(_ runtime: ConsoleRuntime, from start: [Effect]) {
        runtime.start(start)
        let deadline = Date().addingTimeInterval(20)
        runtime.run { Date() > deadline }
    }

    @Test("keys typed faster than frames are drawn are all handled, then drawn once")
    func burstOfKeys() throws {
        let harness = try Harness(users: 300, signedIn: false)
        let (runtime, terminal, start) = try Self.usersTable(harness)
        var phase = 0
        var framesBeforeBurst = 0
        terminal.typing = {
            guard case .users(let users) = runtime.state.screen, !users.loadingList, users.total != nil else { return [] }
            switch phase {
            case 0:
                phase = 1
                framesBeforeBurst = terminal.frames
                return Array(repeating: "j", count: 60)
            case 1 where users.loadingEdge == nil:
                phase = 2
                return ["q"]
            default:
                return []
            }
        }
        Self.run(runtime, from: start)

        guard case .users(let users) = runtime.state.screen else { Issue.record("not on the users table"); return }
        #expect(runtime.state.quitting, "the script reached its end")
        #expect(users.selected == 60, "every key was handled")
        // One frame for the whole burst, and at most one for each page read ahead behind it.
        #expect(terminal.frames - framesBeforeBurst <= 3, "frames after the burst: \(terminal.frames - framesBeforeBurst)")
    }

    @Test("falling quiet after work calls whenQuiet once, not on every idle turn; new keys then a pause call it again")
    func quietHook() throws {
        let harness = try Harness(users: 300, signedIn: false)
        let (runtime, terminal, start) = try Self.usersTable(harness)
        runtime.quietAfter = 0.2
        // The selected row each time the console fell quiet.
        var quiets: [Int] = []
        runtime.whenQuiet = {
            if case .users(let users) = runtime.state.screen { quiets.append(users.selected) }
        }
        // Each step waits a while after a quiet call, long enough for several more idle turns.
        var phase = 0
        var quietSeen: (count: Int, at: Date)?
        terminal.typing = {
            guard case .users(let users) = runtime.state.screen, !users.loadingList, users.total != nil else { return [] }
            if quietSeen?.count != quiets.count { quietSeen = quiets.isEmpty ? nil : (quiets.count, Date()) }
            guard let seen = quietSeen, Date().timeIntervalSince(seen.at) > 0.6 else { return [] }
            switch phase {
            case 0:
                phase = 1
                return ["j", "j"]
            case 1 where seen.count >= 2:
                phase = 2
                return ["q"]
            default:
                return []
            }
        }
        Self.run(runtime, from: start)

        let quit = runtime.state.quitting
        #expect(quit, "the script reached its end")
        #expect(quiets == [0, 2], "once after the first page, once after the keys: \(quiets)")
    }

    @Test("a filtered count waits for typing to pause: keys 50 ms apart count only the last filter (one with more matches than a page)")
    func countWaitsForPause() throws {
        let harness = try Harness(users: 2000, signedIn: false)
        let counted = Mutex<[String?]>([])
        var environment = harness.environment
        let count = try #require(environment.countUsersUpTo)
        environment.countUsersUpTo = { filter, limit in
            counted.withLock { $0.append(filter) }
            return try count(filter, limit)
        }
        let (runtime, terminal, start) = try Self.usersTable(harness, environment: environment)
        var script: [Key] = ["/", "a", "n"]
        var lastKey = Date.distantPast
        terminal.typing = {
            guard case .users(let users) = runtime.state.screen, users.total != nil || script.count < 3 else { return [] }
            if script.isEmpty {
                let countedTan = counted.withLock { $0.contains("an") }
                return countedTan && !users.loadingList && !runtime.state.quitting ? [.enter, "q"] : []
            }
            guard Date().timeIntervalSince(lastKey) > 0.05 else { return [] }
            lastKey = Date()
            return [script.removeFirst()]
        }
        Self.run(runtime, from: start)
        #expect(runtime.state.quitting, "the script reached its end")
        #expect(counted.withLock { $0 } == [nil, "an"], "counted: \(counted.withLock { $0 })")
    }
}
