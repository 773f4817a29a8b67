import Foundation
import RosterConsole
import RosterCore
import RosterTerminal
import Synchronization

/// Times the console's changes on a copy of a demo database (the original is never written):
/// marking every user, one change from its confirmation to the updated row on screen, and a
/// bulk deactivate of 10,000 users with its progress.
final class ActionsBenchmark {
    let original: String
    var markAll: [String: [Double]] = [:]
    var singleChange: [Double] = []
    var bulkSeconds = 0.0
    var bulkUsers = 0
    var bulkRefused = 0
    var progressReports = 0
    var users = 0

    init(path: String) {
        original = path
    }

    /// On PostgreSQL the database given is the one changed (the caller copies it first:
    /// `createdb -T bench bench_actions`); its key file comes from `ROSTER_KEY_FILE`.
    func run() throws {
        var core = CoreEnvironment.live
        let roster: Roster
        if case .postgres(let address) = try StorageAddress.parse(original) {
            let keyPath = ProcessInfo.processInfo.environment["ROSTER_KEY_FILE"] ?? ""
            core.secrets = { try KeyFile.load(from: keyPath) }
            roster = Roster(stores: try Storage.open(.postgres(address), secrets: core.secrets), environment: core)
            try run(roster)
            return
        }
        let path = original + ".actions-copy"
        let files = FileManager.default
        // A copy left by an interrupted run goes whole, its WAL too: a stale WAL would corrupt the new copy.
        for suffix in ["", ".key", "-wal", "-shm"] { try? files.removeItem(atPath: path + suffix) }
        for suffix in ["", ".key"] { try files.copyItem(atPath: original + suffix, toPath: path + suffix) }
        defer { for suffix in ["", ".key", "-wal", "-shm", "-names", "-names.lock", "-search"] { try? files.removeItem(atPath: path + suffix) } }
        let keyPath = KeyFile.path(forDatabase: path)
        core.secrets = { try KeyFile.load(from: keyPath) }
        roster = Roster(database: try AppDatabase.open(path: path, create: false), environment: core)
        try run(roster)
    }

    private func run(_ roster: Roster) throws {
        guard let credentials = try DemoSeeder(roster: roster).credentials() else {
            throw BenchFailure("\(original) is not a demo database; build one with `roster demo --no-console`.")
        }
        // The bulk deactivate of 10,000 would otherwise wait for a second person (the two-person
        // rule covers bulk actions over 100); this is a copy, changed for the benchmark only.
        _ = try roster.settings.set(.approvalRequiredFor, to: "", by: .system("bench"))
        let signIn = try roster.auth.signIn(email: credentials.email, password: credentials.password, ip: nil, client: "roster-bench")
        let session = ConsoleSession(token: signIn.token)
        let environment = ConsoleEnvironment.live(roster, ip: nil, session: session, timeZone: .utc)
        defer { environment.signOut() }
        users = try roster.users.count(matching: nil, by: .system("bench"))
        try console(roster, environment, token: signIn.token)
        try bulk(roster, environment)
    }

    /// Mark-all and single changes through the real runtime, timed from the key to the frame that shows the answer.
    func console(_ roster: Roster, _ environment: ConsoleEnvironment, token: String) throws {
        let terminal = BenchTerminal(size: Size(width: 120, height: 40))
        var state = ConsoleState(size: terminal.size, screen: .signIn(SignInState()))
        state.signedIn = Operator(try roster.auth.actor(forToken: token, ip: nil))
        let effects = ConsoleReducer.startUsers(&state)
        let runtime = ConsoleRuntime(state: state, terminal: terminal, environment: environment)
        var users: UsersState? {
            if case .users(let users) = runtime.state.screen { return users }
            return nil
        }
        // Each step: keys, what the screen must show before the next, and where its time goes.
        typealias Step = (keys: [Key], done: (UsersState) -> Bool, record: String?)
        let loaded: (UsersState) -> Bool = { !$0.loadingList && $0.drawer?.changing != true }
        var steps: [Step] = [([], loaded, nil)]
        for filter in ["", "an"] {
            steps.append((filter.isEmpty ? [] : ["/"] + filter.map { Key.character($0) } + [.enter], loaded, nil))
            for _ in 0..<10 {
                steps.append((["*"], { $0.marks.count != nil }, "mark \(filter.isEmpty ? "all" : "“\(filter)”")"))
                steps.append((["*"], { $0.marks.isEmpty }, nil))
            }
            if !filter.isEmpty { steps.append(([.escape, "/", .escape], loaded, nil)) }
        }
        // The dormant filter: Enter on `z`'s form (90 days) to the first page of dormant users, and
        // on (the clock still running from the Enter) to their exact count.
        for _ in 0..<10 {
            steps.append((["z"], { $0.dormantForm != nil }, nil))
            steps.append(([.enter], { !$0.loadingList && $0.dormantDays != nil && !$0.rows.isEmpty }, "dormant 90 days: Enter to the first page"))
            steps.append(([], { $0.total != nil }, "dormant 90 days: Enter to the exact count"))
            steps.append((["z"], { !$0.loadingList && $0.dormantDays == nil && ($0.total != nil || $0.moreThan != nil) }, nil))
        }
        // Lock then unlock one user, 10 times each: confirm (Enter on the focused button) to the row redrawn.
        steps.append(([.down, .down, .enter], { $0.drawer?.detail != nil }, nil))
        for _ in 0..<20 {
            steps.append((["L", .tab], { $0.drawer?.dialog != nil }, nil))
            steps.append(([.enter], { users in
                // The drawer read again (it shows the change) and the table's row agreeing with it;
                // the next L then acts on current details (a key typed during a read waits for it,
                // but a Tab typed before its dialog opens is dropped, so it must not race).
                guard let drawer = users.drawer, !drawer.changing, !drawer.reading, drawer.notice != nil, !users.loadingList,
                      let locked = drawer.detail?.profile.lockedByAdmin,
                      let row = users.rows.first(where: { $0.id == drawer.userId }) else { return false }
                return row.lockedByAdmin == locked
            }, "change"))
        }
        steps.append(([.escape, "q"], { _ in true }, nil))
        var index = 0
        var keyTime = DispatchTime.now().uptimeNanoseconds
        let trace = ProcessInfo.processInfo.environment["ROSTER_BENCH_TRACE"] != nil
        func check() {
            guard index < steps.count, terminal.queue.isEmpty, let users, steps[index].done(users) else { return }
            if let label = steps[index].record {
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - keyTime) / 1_000_000
                if trace { FileHandle.standardError.write(Data(String(format: "%@ %.1f ms\n", label, elapsed).utf8)) }
                if label == "change" { singleChange.append(elapsed) } else { markAll[label, default: []].append(elapsed) }
            }
            index += 1
            guard index < steps.count else { return }
            // A step with nothing to type is timed from the last key.
            if !steps[index].keys.isEmpty { keyTime = DispatchTime.now().uptimeNanoseconds }
            terminal.queue = steps[index].keys
            // A step with nothing to type may already be done; no new frame would come to say so.
            if steps[index].keys.isEmpty { check() }
        }
        terminal.onFrame = { _ in
            check()
        }
        runtime.start(effects)
        runtime.run { false }
        if index < steps.count - 1 { throw BenchFailure("the console stopped at step \(index) of \(steps.count)") }
    }

    /// 10,000 users deactivated through the console's bulk path (actor re-read every batch),
    /// counting the progress reports the console would draw.
    func bulk(_ roster: Roster, _ environment: ConsoleEnvironment) throws {
        // Active standard users (never the operator, who may not deactivate themselves).
        var ids: [UserID] = []
        var cursor: UserCursor?
        while ids.count < 10_000 {
            let page = try roster.users.select(UserSelection(role: .standard, status: .active), sort: UserSort(.id), after: cursor,
                                               limit: 1000, by: .system("bench"))
            ids += page.users.map(\.row.id)
            guard page.hasMore, let last = page.users.last else { break }
            cursor = UserCursor(row: last.row, column: .id)
        }
        ids = Array(ids.prefix(10_000))
        bulkUsers = ids.count
        let reports = Atomic<Int>(0)
        let context = EffectContext(post: { action in if case .bulkProgress = action { reports.add(1, ordering: .relaxed) } },
                                    cancel: {}, isCancelled: { false })
        let start = DispatchTime.now().uptimeNanoseconds
        let result = Effect.runBulk(.deactivate, .users(ids), expected: ids.count).perform(environment, context)
        bulkSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
        if case .bulkFinished(.finished(let report)) = result { bulkRefused = report.refused.count }
        progressReports = reports.load(ordering: .relaxed)
        // Policy may refuse a few (the last org admin of an org); anything failing otherwise is a bench failure.
        guard case .bulkFinished(.finished(let report)) = result, report.failed.isEmpty, report.done.count + report.refused.count == ids.count else {
            if case .bulkFinished(.finished(let report)) = result {
                throw BenchFailure("bulk deactivate: \(report.done.count) of \(ids.count) done, "
                    + "refused \(report.refused.prefix(3)), failed \(report.failed.prefix(3))")
            }
            throw BenchFailure("bulk deactivate failed: \(String(describing: result).prefix(300))")
        }
    }

    func table() -> String {
        func pair(_ values: [Double]) -> String { String(format: "%.1f / %.1f ms", percentile(values, 50), percentile(values, 95)) }
        var lines = ["| Users | Measure | p50 / p95 (n) |", "|---:|---|---:|"]
        for (label, values) in markAll.sorted(by: { $0.key < $1.key }) {
            let measure = label.hasPrefix("dormant") ? "list only the \(label)" : "\(label) (key to “N marked”)"
            lines.append("| \(users.formatted()) | \(measure) | \(pair(values)) (\(values.count)) |")
        }
        lines.append("| \(users.formatted()) | lock or unlock one user (Enter to the updated row and drawer) | \(pair(singleChange)) (\(singleChange.count)) |")
        lines.append("| \(users.formatted()) | bulk deactivate \(bulkUsers.formatted()) users | "
            + String(format: "%.1f s total, %d progress frames, %d refused by policy", bulkSeconds, progressReports, bulkRefused) + " |")
        return lines.joined(separator: "\n")
    }
}
