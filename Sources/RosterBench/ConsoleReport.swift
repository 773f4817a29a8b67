import Foundation

/// What one database's console run measured, in milliseconds unless named otherwise.
struct ConsoleReport: Codable {
    /// "SQLite" or "PostgreSQL"; set by the suite, absent from `console-one`'s JSON.
    var backend: String?
    var users: Int
    /// Who read: "administrator" or "org admin"; and how many users they may see.
    var reader: String
    var visible: Int
    var firstFrame: Double
    var firstRows: Double
    var shortFilter: [Double]   // keystrokes leaving a 1- or 2-character filter
    var longFilter: [Double]    // keystrokes leaving a filter of 3 or more characters
    var byLength: [Int: [Double]]
    var misses: [Double]
    var counts: [Double]
    var pageDown: [Double]
    var end: [Double]
    var home: [Double]
    /// Enter on a row until the drawer shows its details.
    var drawer: [Double]
    /// Drawing one frame of the table into a cell grid (no terminal output).
    var frames: [Double]?
    var peakRSS: Double

    func json() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }
}

extension ConsoleBenchmark {
    func report() throws -> ConsoleReport {
        let filters = samples.filter { $0.label == "filter" }
        return ConsoleReport(
            users: userCount,
            reader: orgAdminMembers == nil ? "administrator" : "org admin",
            visible: visibleCount,
            firstFrame: firstFrame,
            firstRows: firstRows,
            shortFilter: filters.filter { $0.filterLength <= 2 }.map(\.milliseconds),
            longFilter: filters.filter { $0.filterLength >= 3 }.map(\.milliseconds),
            byLength: Dictionary(grouping: filters, by: \.filterLength).mapValues { $0.map(\.milliseconds) },
            misses: filters.filter { !$0.hit }.map(\.milliseconds),
            counts: counts,
            pageDown: samples.filter { $0.label == "PgDn" }.map(\.milliseconds),
            end: samples.filter { $0.label == "End" }.map(\.milliseconds),
            home: samples.filter { $0.label == "Home" }.map(\.milliseconds),
            drawer: samples.filter { $0.label == "drawer" }.map(\.milliseconds),
            frames: frames,
            peakRSS: peakResidentMegabytes())
    }
}
