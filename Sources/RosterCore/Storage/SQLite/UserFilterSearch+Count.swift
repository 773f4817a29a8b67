import GRDB

/// Exact and capped counts of the users holding a filter (`*` marks them all; the status
/// line shows how many match).
extension UserFilterSearch {
    /// How many users hold the filter. The trigram index answers exactly, without reading a
    /// row, when its hits are exactly the rows holding the filter: a longer filter is the
    /// phrase of its trigrams, and a shorter one the start of every trigram in its term list
    /// (a capped count of a common four-letter filter: 3 ms at a million users, against 17 ms
    /// looking up each hit's row). Otherwise (a filter the index folds, or too many terms)
    /// few hits are checked one by one; a common filter is counted by scanning the name index,
    /// which carries the search text (about 0.1 s a million users), rather than by looking up
    /// hundreds of thousands of hits.
    ///
    /// With `limit`, counting stops past it (the result is at most `limit + 1`): a common
    /// filter is then found that many times near the start of the scan instead of at the end.
    ///
    /// An exact count of a filter whose every gram many users hold, or one that would be
    /// scanned for, reads the search texts file instead when it is current (SearchTextFile:
    /// 2–18 ms at a million users, against 120–140 ms to scan).
    func count(needle: String, limit: Int? = nil) throws -> Int {
        let scanSQL = limit == nil ? "SELECT count(*) FROM user WHERE instr(searchText, ?) > 0"
            : "SELECT count(*) FROM (SELECT 1 FROM user WHERE instr(searchText, ?) > 0 LIMIT \((limit ?? 0) + 1))"
        let texts = limit == nil ? try textsFile() : nil
        func scan() throws -> Int {
            if let texts, let users = SearchTextFile.count(holding: needle, in: texts.path, version: texts.version) { return users }
            return try Int.fetchOne(db, sql: scanSQL, arguments: [needle]) ?? 0
        }
        if texts != nil, try fewestHoldingAGram(of: needle) >= textsFirst { return try scan() }
        switch try countPlan(needle) {
        case .nothing:
            return 0
        case .exactHits(let match) where limit == nil && needle.unicodeScalars.count >= 3:
            // A phrase reads every hit's positions: past a few hundred thousand hits that costs
            // more than scanning ("example", held by everyone: 250 ms against 140). Counted up
            // to `countHitLimit` it is its own answer; a filter more users hold is scanned for.
            let hits = try hitCount(match, limit: countHitLimit)
            return hits < countHitLimit ? hits : try scan()
        case .exactHits(let match):
            let hits = limit == nil ? "SELECT count(*) FROM userSearch WHERE userSearch MATCH ?"
                : "SELECT count(*) FROM (SELECT 1 FROM userSearch WHERE userSearch MATCH ? LIMIT \((limit ?? 0) + 1))"
            return try Int.fetchOne(db, sql: hits, arguments: [match]) ?? 0
        case .match(let match) where limit != nil:
            // Hits checked one by one, stopping past the limit: a common filter stops early,
            // and a rare one has few hits to check, where a scan would read every row.
            return try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT 1 FROM (SELECT rowid AS hitId FROM userSearch WHERE userSearch MATCH ?)
                CROSS JOIN user ON user.id = hitId WHERE instr(user.searchText, ?) > 0 LIMIT ?)
                """, arguments: [match, needle, (limit ?? 0) + 1]) ?? 0
        case .match(let match) where try hitCount(match, limit: countHitLimit) < countHitLimit:
            return try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT rowid AS hitId FROM userSearch WHERE userSearch MATCH ?)
                CROSS JOIN user ON user.id = hitId WHERE instr(user.searchText, ?) > 0
                """, arguments: [match, needle]) ?? 0
        case .match, .scan:
            return try scan()
        }
    }

    /// The fewest users holding any one gram of the filter (`searchGram`), 0 when a gram has
    /// none: at least as many as hold the filter, so when even this is large, listing the
    /// phrase's hits would cost more than searching the texts file.
    private func fewestHoldingAGram(of needle: String) throws -> Int {
        let grams: [String] = switch SearchGrams.lookup(for: needle) {
        case .count(let gram): [gram]
        case .noneWithout(let grams): grams
        case nil: []
        }
        guard !grams.isEmpty else { return 0 }
        let row = try Row.fetchOne(db, sql: "SELECT count(*), min(users) FROM searchGram WHERE gram IN (\(databaseQuestionMarks(count: grams.count)))",
                                   arguments: StatementArguments(grams))
        let held: Int = row?[0] ?? 0
        return held < grams.count ? 0 : row?[1] ?? 0
    }

    /// The search texts file, when it holds the texts at this read's version.
    private func textsFile() throws -> (path: String, version: Int64)? {
        guard let path = nameOrder?.searchFile else { return nil }
        let version = try NameOrder.version(db)
        return SearchTextFile.isCurrent(path, version: version) ? (path, version) : nil
    }

    enum CountPlan: Equatable {
        case nothing
        /// The FTS5 query's hits are exactly the rows holding the filter: count them.
        case exactHits(String)
        /// Hits to be checked with `instr` (see `Plan.match`).
        case match(String)
        case scan
    }

    func countPlan(_ needle: String) throws -> CountPlan {
        let foldsAway = FilterQuery.indexFolds(needle)
        let exact = countsFromHits && !foldsAway
        if let query = FilterQuery.phrase(needle) { return exact ? .exactHits(query) : .match(query) }
        if foldsAway { return .scan }
        let terms = try terms(startingWith: needle, limit: countTermLimit + 1)
        if terms.isEmpty { return .nothing }
        return terms.count > countTermLimit || !exact ? .scan : .exactHits(FilterQuery.anyOf(terms))
    }
}
