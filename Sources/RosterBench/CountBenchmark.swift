import Foundation
import RosterCore

/// The exact count of users matching each filter, as the console's `*` (mark all matching)
/// and its status line ask for it, the first time: every round opens the database afresh and
/// prepares as a console does (its name order and search texts file read in the background,
/// or mapped when current), so nothing this process counted before is remembered. (Before
/// the fifteenth pass the rounds didn't prepare; counts never read a texts file then.)
/// `roster-bench counts DATABASE` prints each filter's times and the p50/p95 of all first counts; ROSTER_BENCH_COUNTS=a,an (comma-
/// separated) chooses the filters, ROSTER_BENCH_REPEAT=N the rounds (3 by default), and
/// ROSTER_BENCH_SETTLE_MS how long each round lets the console's background reads run first
/// (1000 by default).
func countBenchmark(path: String) throws {
    let settings = ProcessInfo.processInfo.environment
    let filters = settings["ROSTER_BENCH_COUNTS"].map { $0.split(separator: ",").map(String.init) }
        ?? ["a", "e", "z", "ø", "an", "ma", "xq", "ana", "mei", "tan", "ana@", "anna", "tanaka", "example"]
    let rounds = max(1, Int(settings["ROSTER_BENCH_REPEAT"] ?? "") ?? 3)
    var times: [String: [Double]] = [:]
    var counts: [String: Int] = [:]
    let settle = Double(settings["ROSTER_BENCH_SETTLE_MS"] ?? "") ?? 1000
    for _ in 0..<rounds {
        let (roster, actor) = try signedInDemo(path: path)
        // As the console opens: the name order and the search texts beside it, read in the
        // background when stale (after a change, or the first time).
        roster.stores.prepareForConsole()
        Thread.sleep(forTimeInterval: settle / 1000)
        for filter in filters {
            let start = DispatchTime.now().uptimeNanoseconds
            counts[filter] = try roster.users.count(matching: filter, by: actor)
            times[filter, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
    }
    var all: [Double] = []
    for filter in filters {
        let values = times[filter] ?? []
        all += values
        print("\(filter) (\(counts[filter] ?? 0) users): " + values.map { String(format: "%.1f", $0) }.joined(separator: ", ") + " ms")
    }
    all.sort()
    print(String(format: "first counts: p50 %.1f ms, p95 %.1f ms, max %.1f ms (n=%d)", percentile(all, 50), percentile(all, 95),
                 all.last ?? 0, all.count))
}
