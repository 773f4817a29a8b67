import Foundation
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
    @Test("keys typed faster than frames are drawn are all handled, then drawn once")
    func burstOfKeys() throws {
        let harness = try Harness(users: 300, signedIn: false)
        var state = harness.state
        state.signedIn = try harness.environment.signIn("admin@demo.example", try harness.demoPassword(), nil)
        let start = ConsoleReducer.startUsers(&state)
        let terminal = ScriptedTerminal()
        let runtime = ConsoleRuntime(state: state, terminal: terminal, environment: harness.environment)
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
        runtime.start(start)
        let deadline = Date().addingTimeInterval(20)
        runtime.run { Date() > deadline }

        guard case .users(let users) = runtime.state.screen else { Issue.record("not on the users table"); return }
        #expect(runtime.state.quitting, "the script reached its end")
        #expect(users.selected == 60, "every key was handled")
        // One frame for the whole burst, and at most one for each page read ahead behind it.
        #expect(terminal.frames - framesBeforeBurst <= 3, "frames after the burst: \(terminal.frames - framesBeforeBurst)")
    }
}
