import GRDB

/// A sample of the users table, runs of ids spread over its range, that tells how common a
/// filter is and, with the name order in memory, where its matches lie in that order. It
/// decides whether a longer walk of the sort index will fill a page (UserFilterSearch): two
/// thousand rows cost about half a millisecond, a walk that comes up short ten.
struct FilterSample {
    /// Rows the sample read.
    let read: Int
    /// Ids of those holding the filter.
    let holding: [Int64]

    /// Reads `size` rows in `runs` runs of consecutive ids, evenly spread from the lowest id to the highest.
    static func take(_ db: Database, needle: String, size: Int, runs: Int = 16) throws -> FilterSample? {
        // Two subqueries: SQLite reads min and max from the ends of the rowid only one at a time.
        guard size > 0, runs > 0,
              let range = try Row.fetchOne(db.cachedStatement(sql: "SELECT (SELECT min(id) FROM user), (SELECT max(id) FROM user)")),
              let low = range[0] as Int64?, let high = range[1] as Int64? else { return nil }
        let length = Int64(max(1, size / runs))
        let step = max(length, (high - low + 1) / Int64(runs))
        let run = "SELECT id, instr(searchText, ?1) > 0 FROM user WHERE id BETWEEN ? AND ?"
        let statement = try db.cachedStatement(sql: Array(repeating: run, count: runs).joined(separator: " UNION ALL "))
        let starts = (0..<Int64(runs)).map { low + $0 * step }
        let rows = try Row.fetchCursor(statement, arguments: StatementArguments([needle] + starts.flatMap { [$0, $0 + length - 1] }))
        var read = 0
        var holding: [Int64] = []
        while let row = try rows.next() {
            read += 1
            if row[1] as Bool? == true, let id = row[0] as Int64? { holding.append(id) }
        }
        return FilterSample(read: read, holding: holding)
    }

    /// Rows a walk of the name order from `start` (a position; reading up the positions or
    /// down) must read to pass as many matches as a page of `wanted` needs: to the nearest
    /// sampled matches that stand for that many (each sampled row stands for
    /// `order.count / read` rows), then a page's worth at the sampled rate, as the matches
    /// around them may lie on either side. Nil when the sample has too few that way.
    func walkLength(wanted: Int, from start: Int32, upwards: Bool, in order: NameOrder.Snapshot) -> Int? {
        guard read > 0, order.count > 0, !holding.isEmpty else { return nil }
        let distances = holding.compactMap(order.position(of:)).map { upwards ? $0 - start : start - $0 }.filter { $0 > 0 }.sorted()
        let needed = max(1, Int((Double(wanted) * Double(read) / Double(order.count)).rounded(.up)))
        guard needed <= distances.count else { return nil }
        return Int(distances[needed - 1]) + wanted * read / holding.count
    }

    /// Rows a walk must read to pass `wanted` matches at the sampled rate, times `slack` for
    /// matches that bunch up in sort order; nil when the sample found none.
    func walkLength(wanted: Int, slack: Int) -> Int? {
        holding.isEmpty ? nil : wanted * slack * read / holding.count
    }
}
