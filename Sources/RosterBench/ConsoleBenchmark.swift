import Foundation
import RosterConsole
import RosterCore
import RosterTerminal

/// Drives the real console runtime (reducer, effects on worker queues, drawing into a cell grid)
/// over a demo database, and times what a person waits for: the first screen of users, each
/// filter keystroke until its rows are drawn, PgDn, and the jump to the end.
final class ConsoleBenchmark {
    struct Sample {
        var label: String
        var filterLength: Int
        var milliseconds: Double
        var hit: Bool
    }

    let path: String
    /// Measure as an org admin of an org with this many members (issue: reads scoped by policy)
    /// instead of as the demo administrator, who sees everyone.
    let orgAdminMembers: Int?
    var samples: [Sample] = []
    var counts: [Double] = []
    var frames: [Double] = []
    var firstFrame = 0.0
    var firstRows = 0.0
    var userCount = 0
    /// Users the reader may see: everyone for the administrator, the org's members for an org admin.
    var visibleCount = 0

    init(path: String, orgAdminMembers: Int? = nil) {
        self.path = path
        self.orgAdminMembers = orgAdminMembers
    }

    /// Filters typed one character at a time: words that many, few and no users match,
    /// so every prefix (1, 2, 3 … 8 characters) is measured as someone types it.
    static let words = ["tanaka", "ozturk.1", "nguyen.1", "zqxjvw", "demo.exa", "søren", "xyzzy", "johansso", "a", "é",
                        "王", "mei", "q", "hostile", "ana@demo"]

    func run() throws {
        func elapsed(since t: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t) / 1_000_000 }

        // The console acts through a real session, as the operator's would. Signing in (a
        // deliberately slow password hash) happens before the clock starts.
        // The key file beside the database seals secrets and keys the audit chain, as in `roster`.
        // A path is SQLite (its key beside it); a PostgreSQL address reads ROSTER_KEY_FILE.
        var core = CoreEnvironment.live
        let address = try StorageAddress.parse(path)
        let keyPath = address.filePath.map(KeyFile.path(forDatabase:)) ?? ProcessInfo.processInfo.environment["ROSTER_KEY_FILE"] ?? ""
        core.secrets = { try KeyFile.load(from: keyPath) }
        let setup = Roster(stores: try Storage.open(address, secrets: core.secrets), environment: core)
        let seeder = DemoSeeder(roster: setup)
        guard let administrator = try seeder.credentials() else {
            throw BenchFailure("\(path) is not a demo database; build one with `roster demo --no-console`.")
        }
        let credentials = try orgAdminMembers.map { try seeder.orgAdmin(members: $0) } ?? administrator
        let signIn = try setup.auth.signIn(email: credentials.email, password: credentials.password, ip: nil, client: "roster-bench")
        resetPeakResident()

        let start = DispatchTime.now().uptimeNanoseconds
        let roster = Roster(stores: try Storage.open(address, secrets: core.secrets), environment: core)
        let session = ConsoleSession(token: signIn.token)
        let environment = ConsoleEnvironment.live(roster, ip: nil, session: session, timeZone: .utc)
        defer { environment.signOut() }
        let terminal = BenchTerminal(size: Size(width: 120, height: 40))
        var state = ConsoleState(size: terminal.size, screen: .signIn(SignInState()))
        state.signedIn = Operator(try roster.auth.actor(forToken: signIn.token, ip: nil))
        let effects = ConsoleReducer.startUsers(&state)
        let runtime = ConsoleRuntime(state: state, terminal: terminal, environment: environment)
        // Counts at once, as before the console waited for typing to pause: this measures the
        // query itself (Bench/ssh-load.sh measures the console as shipped).
        // ROSTER_BENCH_COUNT_DELAY_MS=200 measures the console as shipped: counts wait for typing
        // to pause, so they don't share the cores with the keystrokes typed back to back here.
        runtime.countDelay = .milliseconds(Int(ProcessInfo.processInfo.environment["ROSTER_BENCH_COUNT_DELAY_MS"] ?? "") ?? 0)

        // The script: each step is keys to type and what the screen must show before the next.
        enum Wait {
            /// The rows of the filter just typed are on screen.
            case rows
            /// The status line shows how many match.
            case counted
            /// The selection is where the key sent it, with its row drawn.
            case moved
            /// The detail drawer shows the selected user's details.
            case drawer
        }
        var steps: [(label: String, keys: [Key], wait: Wait)] = []
        for _ in 0..<3 {
            for word in Self.words {
                steps.append(("open filter", ["/"], .moved))
                for character in word { steps.append(("filter", [.character(character)], .rows)) }
                steps.append(("count", [], .counted))
                steps.append(("clear", [.escape], .rows))
            }
        }
        for _ in 0..<40 { steps.append(("PgDn", [.pageDown], .moved)) }
        // Opening the drawer reads one user's detail: profile, orgs, security, keys, sessions, activity.
        for _ in 0..<30 {
            steps.append(("PgDn", [.pageDown], .moved))
            steps.append(("drawer", [.enter], .drawer))
            steps.append(("close", [.escape], .moved))
        }
        for _ in 0..<5 {
            steps.append(("End", [.end], .moved))
            steps.append(("Home", [.home], .moved))
        }
        steps.append(("quit", ["q"], .moved))

        var index = -1
        var keyTime: UInt64 = 0
        var typedGeneration = 0
        var firstFrameSeen = false
        func users() -> UsersState? {
            if case .users(let users) = runtime.state.screen { return users }
            return nil
        }
        func settled(_ wait: Wait) -> Bool {
            guard let users = users() else { return false }
            switch wait {
            case .rows: return users.generation == typedGeneration && !users.loadingList
            case .counted: return users.total != nil || users.moreThan != nil  // "of 10,000+" counts as landed
            case .moved:
                return !users.loadingList && users.pendingTarget == nil && users.drawer == nil
                    && users.loadingEdge != .replaceAtEnd && users.loadingEdge != .replaceFromTop
            case .drawer:
                return users.drawer?.detail != nil || users.drawer?.error != nil
            }
        }
        // ROSTER_BENCH_KEY_MS=28: filter keys come no faster than this apart, as a person types
        // (36 keys/s, the SSH benchmark's pace); by default each comes the instant its rows are drawn.
        let keyInterval = UInt64((Double(ProcessInfo.processInfo.environment["ROSTER_BENCH_KEY_MS"] ?? "") ?? 0) * 1_000_000)
        func advance() {
            index += 1
            guard index < steps.count else { return }
            if keyInterval > 0, steps[index].label == "filter", keyTime > 0 {
                let due = keyTime + keyInterval, now = DispatchTime.now().uptimeNanoseconds
                if due > now { Thread.sleep(forTimeInterval: Double(due - now) / 1_000_000_000) }
            }
            // Waiting for a count is timed from the keystroke before it.
            if !steps[index].keys.isEmpty { keyTime = DispatchTime.now().uptimeNanoseconds }
            terminal.queue = steps[index].keys
            // A keystroke that changes the filter starts a new generation.
            typedGeneration = (users()?.generation ?? 0) + (steps[index].label == "filter" || steps[index].label == "clear" ? 1 : 0)
        }
        func check() {
            if index == -1 {
                guard settled(.rows), users()?.rows.isEmpty == false else { return }
                firstRows = elapsed(since: start)
                // ROSTER_BENCH_LOOK_MS=300: a person looks at the first screen before typing
                // (by default the first key comes the instant the rows are drawn).
                if let look = Double(ProcessInfo.processInfo.environment["ROSTER_BENCH_LOOK_MS"] ?? "") {
                    Thread.sleep(forTimeInterval: look / 1_000)
                }
                advance()
                return
            }
            guard index < steps.count, terminal.queue.isEmpty, settled(steps[index].wait) else { return }
            let step = steps[index]
            let time = elapsed(since: keyTime)
            if step.keys.isEmpty {
                counts.append(time)
            } else {
                let filter = users()?.filter ?? ""
                if ProcessInfo.processInfo.environment["ROSTER_BENCH_TRACE"] != nil {
                    FileHandle.standardError.write(Data(String(format: "%@ %@ %.1f ms\n", step.label, filter, time).utf8))
                }
                samples.append(Sample(label: step.label, filterLength: filter.count, milliseconds: time,
                                      hit: users()?.rows.isEmpty == false))
            }
            advance()
            // A wait with nothing to type may already be over; no new frame would come to say so.
            if index < steps.count, steps[index].keys.isEmpty { check() }
        }
        terminal.onFrame = { [self] _ in
            if !firstFrameSeen {
                firstFrameSeen = true
                firstFrame = elapsed(since: start)
            }
            check()
        }
        typedGeneration = users()?.generation ?? 0
        runtime.start(effects)
        runtime.run { false }
        // The console thread's share of every keystroke: drawing a frame of the table (a page of
        // rows at 120x40) into a cell grid, as the runtime does before presenting it.
        for _ in 0..<200 {
            let t = DispatchTime.now().uptimeNanoseconds
            let grid = ConsoleView.frame(runtime.state, formatting: environment.formatting, now: Date())
            frames.append(elapsed(since: t))
            precondition(grid.size == terminal.size)
        }
        userCount = try roster.users.count(matching: nil, by: .system("bench"))
        visibleCount = try roster.users.count(matching: nil, by: try roster.auth.actor(forToken: signIn.token, ip: nil, activity: false))
    }
}
