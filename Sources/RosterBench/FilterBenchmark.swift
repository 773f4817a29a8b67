import Foundation
import RosterConsole
import RosterCore
import RosterTerminal

/// The users page for each prefix of the console benchmark's words, read through the service
/// (`UserService.list`, as the console's page effect does, actor re-read included) without the
/// console around it: what the query costs, apart from drawing and scheduling.
/// `roster-bench filters DATABASE` prints one line per prefix: the first read (as someone typing
/// it makes it) and the median of three.
func filterBenchmark(path: String) throws {
    let (roster, actor) = try signedInDemo(path: path)
    roster.stores.prepareForConsole()
    Thread.sleep(forTimeInterval: 1)  // the name order, read in the background
    roster.users.prepareFilters(by: actor)  // as the console does once its first page is drawn
    var all: [Double] = []
    var firsts: [Double] = []
    let settings = ProcessInfo.processInfo.environment
    let words = settings["ROSTER_BENCH_WORDS"].map { $0.split(separator: ",").map(String.init) } ?? ConsoleBenchmark.words
    let repeats = max(1, Int(settings["ROSTER_BENCH_REPEAT"] ?? "") ?? 3)
    // What the console reads for a typed filter at 120x40: one screen and a little more.
    let limit = UsersState.firstPageSize(visible: ConsoleState(size: Size(width: 120, height: 40), screen: .signIn(SignInState())).visibleRows)
    for word in words {
        var line: [String] = []
        for end in word.indices.dropFirst().map({ $0 }) + [word.endIndex] {
            let filter = String(word[..<end])
            var times: [Double] = []
            var rows = 0
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                rows = try roster.users.list(UserQuery(filter: filter, sort: UserSort(.name), limit: limit), by: actor).rows.count
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            }
            let median = times.sorted()[times.count / 2]
            all.append(median)
            firsts.append(times[0])
            line.append(String(format: "%@ %.1f/%.1f (%d)", filter, times[0], median, rows))
        }
        print(line.joined(separator: "  "))
    }
    for (label, values) in [("first reads", firsts.sorted()), ("medians of three", all.sorted())] {
        print(String(format: "%@: p50 %.1f ms, p95 %.1f ms, max %.1f ms (n=%d)", label, values[values.count / 2],
                     values[min(values.count - 1, Int(Double(values.count) * 0.95))], values.last ?? 0, values.count))
    }
}

/// A demo database opened as `roster` opens it (its key file beside it, or ROSTER_KEY_FILE for
/// PostgreSQL), and its administrator signed in.
func signedInDemo(path: String) throws -> (Roster, Actor) {
    var core = CoreEnvironment.live
    let address = try StorageAddress.parse(path)
    let keyPath = address.filePath.map(KeyFile.path(forDatabase:)) ?? ProcessInfo.processInfo.environment["ROSTER_KEY_FILE"] ?? ""
    core.secrets = { try KeyFile.load(from: keyPath) }
    let roster = Roster(stores: try Storage.open(address, secrets: core.secrets), environment: core)
    guard let administrator = try DemoSeeder(roster: roster).credentials() else {
        throw BenchFailure("\(path) is not a demo database; build one with `roster demo --no-console`.")
    }
    let signIn = try roster.auth.signIn(email: administrator.email, password: administrator.password, ip: nil, client: "roster-bench")
    return (roster, try roster.auth.actor(forToken: signIn.token, ip: nil))
}
