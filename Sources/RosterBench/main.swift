import Foundation
import RosterCore

// Benchmarks that need a release build and a quiet machine; not unit tests.
//   swift build -c release
//   .build/release/roster-bench sign-in [rounds]
//   .build/release/roster-bench console [sizes] [--dir DIR] [--db 'host=… dbname=bench_{size}']
// `console` creates demo databases of each size with `roster demo` (in DIR, default
// /tmp/roster-bench, reused when present), then measures each in a fresh process so peak
// memory is that size's alone, once as the demo administrator and once as an org admin of
// an org of 10,000 members (or a tenth of the users). `console-one DATABASE [--org-admin N]`
// measures one database and prints JSON; with ROSTER_BENCH_TRACE=1 it also prints every filter keystroke's time to stderr.
// `actions DATABASE` copies an SQLite database and times changes on the copy (a PostgreSQL address is changed in place: give it a copy): mark all, one lock or
// unlock from Enter to the updated row, and a bulk deactivate of 10,000 users.
// `filters DATABASE` times the users page through the service alone for every prefix the
// console benchmark types (no console, no drawing); ROSTER_BENCH_WORDS=tan,mei (comma-separated)
// times only those words' prefixes, ROSTER_BENCH_REPEAT=N reads each N times (3 by default).
// `pages DATABASE` times pages of 1,000 users deep in every sort order, both directions.
// `counts DATABASE` times each filter's first exact count (what `*` marks), the database
// opened afresh every round; ROSTER_BENCH_COUNTS=a,an chooses the filters.
// console-one, filters, pages and counts read an SQLite file once first (`warmPageCache`);
// ROSTER_BENCH_COLD=1 measures it as the page cache happens to hold it.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("roster-bench: \(message)\n".utf8))
    exit(1)
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "sign-in":
        try signInBenchmark(rounds: arguments.dropFirst().first.flatMap(Int.init) ?? 21)
    case "console":
        var sizes = [10_000, 100_000, 1_000_000]
        var directory = "/tmp/roster-bench"
        var postgres: String?
        var rest = arguments.dropFirst()
        while let word = rest.popFirst() {
            if word == "--dir", let value = rest.popFirst() {
                directory = value
            } else if word == "--db", let value = rest.popFirst() {
                postgres = value
            } else if let parsed = Optional(word.split(separator: ",").compactMap { Int($0) }), !parsed.isEmpty {
                sizes = parsed
            } else {
                fail("unknown argument \(word); usage: roster-bench console [10000,100000,1000000] [--dir DIR] [--db 'POSTGRES ADDRESS with dbname=NAME_{size}']")
            }
        }
        var suite = ConsoleSuite(directory: directory, sizes: sizes)
        suite.postgres = postgres
        try suite.run()
    case "console-one":
        guard let path = arguments.dropFirst().first else { fail("usage: roster-bench console-one DATABASE [--org-admin MEMBERS]") }
        var members: Int?
        if arguments.count >= 4, arguments[2] == "--org-admin" {
            guard let value = Int(arguments[3]), value > 0 else { fail("--org-admin needs a number of members") }
            members = value
        }
        warmPageCache(path)
        let benchmark = ConsoleBenchmark(path: path, orgAdminMembers: members)
        try benchmark.run()
        print(try benchmark.report().json())
    case "filters":
        guard let path = arguments.dropFirst().first else { fail("usage: roster-bench filters DATABASE") }
        warmPageCache(path)
        try filterBenchmark(path: path)
    case "pages":
        guard let path = arguments.dropFirst().first else { fail("usage: roster-bench pages DATABASE") }
        warmPageCache(path)
        try pagesBenchmark(path: path)
    case "counts":
        guard let path = arguments.dropFirst().first else { fail("usage: roster-bench counts DATABASE") }
        warmPageCache(path)
        try countBenchmark(path: path)
    case "actions":
        guard let path = arguments.dropFirst().first else { fail("usage: roster-bench actions DATABASE") }
        let benchmark = ActionsBenchmark(path: path)
        try benchmark.run()
        print(ConsoleSuite.machine())
        print("")
        print(benchmark.table())
    default:
        print("usage: roster-bench sign-in [rounds] | console [sizes] [--dir DIR] | actions DATABASE | filters, pages, counts DATABASE")
        exit(64)
    }
} catch {
    fail("\(error)")
}
