import GRDB

/// Finds a page of users whose folded name or email holds a filter, fast at a million rows.
///
/// Two ways to answer, and the cheap questions that choose between them:
/// - Walk the sort index (`user_name` carries the search text, so the walk reads nothing
///   else) from the cursor, keeping rows that hold the filter, until the page is full. Fast
///   when matches are common near the cursor; it would read the whole table for a rare one.
/// - Ask the trigram index (`userSearch`) for every row that holds the filter (its trigrams
///   as a phrase: the index keeps their positions) and sort them. Fast when they are few;
///   sorting a hundred thousand hits is not.
/// The gram counts (`searchGram`) answer first when they can: a filter with a gram nobody
/// holds has no page, and a short filter held by few is sorted at once (`countedPage`).
/// Otherwise: a short walk first (most filters are common); then a sample of the table says whether
/// matches are common near the cursor (with the name order in memory, where they lie), and a
/// walk that far is taken; else count the hits up to `hitLimit`: few hits are sorted, many
/// mean a longer walk. Hits once sorted are kept (`NameOrder.SortedHits`): the next page, and
/// the next keystroke of a filter that contains the last ("tana" after "tan"), check them in
/// order instead (about 2 ms against 6), so a long walk gives way to sorting a
/// three-character filter's hits when they are not too many. Filters of one or two characters reach the
/// trigram index through its term list: every short substring starts some trigram (see
/// `SearchText.terminator`).
struct UserFilterSearch {
    let db: Database
    /// The users' name order in memory; with it, hits sorted by name cost nanoseconds each.
    var nameOrder: NameOrder?
    /// Asks for `nameOrder` to be read again when it is missing or stale.
    var refreshNameOrder: @Sendable () -> Void = {}
    /// Rows of the sort index read before asking the trigram index: most filters fill a page sooner.
    var firstWalk = 2_000
    /// Fewer hits than this are sorted (about a microsecond each at a million users); more mean
    /// one user in fifty or more matches, so a walk usually fills a page within a few thousand rows.
    var hitLimit = 20_000
    /// Rows read by the longer walk before falling back to sorting every hit.
    var longWalk = 300_000
    /// Most hits put in order with `nameOrder`; more are better served by the walk, which finds
    /// a page of a filter that common within a few thousand rows.
    var rankedHitLimit = 30_000
    /// Sorted hits of an earlier filter checked for a narrower one before asking the trigram
    /// index afresh: the page needs one in twenty of them to hold the longer filter.
    var narrowingLimit = 1_000
    /// More trigram terms than this for a one- or two-character filter means a common filter:
    /// scanning is then no slower than an enormous OR query.
    var termLimit = 400
    /// Rows read (in runs spread over the ids) to judge whether a longer walk will fill the page
    /// when the first came up short (`FilterSample`); 0 turns the judging off.
    var sampleSize = 2_000
    /// The longest walk the sample may ask for, when it knows where in the name order the
    /// matches lie (about 14 ms at a million users if it comes up short after all).
    var sampledWalkLimit = 60_000
    /// The same from the rate alone, in other orders, where matches may bunch up unseen.
    var ratedWalkLimit = 20_000
    /// How many times the rows a page needs at the sampled rate such a walk reads.
    var walkSlack = 8
    /// A sampled walk longer than this gives way to sorting the hits, which later keystrokes reuse.
    var keepingWalk = 10_000
    /// Whether the gram counts may settle the plan before any walk (`countedPage`); tests turn it
    /// off to reach the other plans with short filters.
    var countsFirst = true

    func page(_ query: UserQuery, needle: String) throws -> [Row] {
        if countsFirst, let rows = try countedPage(query, needle: needle) { return rows }
        if let rows = try walk(query, needle: needle, budget: firstWalk) { return rows }
        // The next keystroke of a filter, or its next page, from the hits already sorted.
        if let rows = try keptHitsPage(query, needle: needle) { return rows }
        // A common filter whose matches lie a little further on fills its page from a longer walk
        // sooner than the trigram index can list and sort every hit (a short filter's term list
        // alone costs more the more rows hold it).
        var estimate: Int?
        let budget = try sampledWalkBudget(query, needle: needle, estimate: &estimate)
        // A long walk costs about what listing and sorting a three-character filter's hits does,
        // but sorted hits serve the next keystrokes and pages too (`keptHitsPage`): past
        // `keepingWalk` rows, sort them, when the sample says they are not too many to sort.
        let sortsFirst = (budget ?? 0) > keepingWalk && (estimate ?? rankedHitLimit) < rankedHitLimit && needle.unicodeScalars.count >= 3
        let early = sortsFirst ? try plan(needle) : nil
        if sortsFirst, case .match(let match) = early, let rows = try rankedPage(query, match: match, needle: needle) {
            return rows
        }
        if let budget, budget > firstWalk, let rows = try walk(query, needle: needle, budget: budget) {
            return rows
        }
        let plan = try early ?? self.plan(needle)
        switch plan {
        case .nothing:
            return []
        case .match(let match):
            // Hits already listed once above and found too many are not listed again.
            if !sortsFirst, let rows = try rankedPage(query, match: match, needle: needle) { return rows }
            if try hitCount(match, limit: hitLimit) < hitLimit { return try fetch(query, from: .hits(match: match, needle: needle)) }
        case .scan:
            break
        }
        if let rows = try walk(query, needle: needle, budget: longWalk) { return rows }
        if case .match(let match) = plan { return try fetch(query, from: .hits(match: match, needle: needle)) }
        return try fetch(query, from: .table(needle: needle))
    }

    /// The page when the gram counts (`searchGram`) settle the plan at once: nobody holds a
    /// gram of the filter (an empty page, no walk); or one to three characters that few enough
    /// users hold to sort, and too few for the first walk to be likely to fill a page (fewer
    /// than one in `firstWalk / wanted` users): their sorted hits, without first spending a
    /// walk and a sample that would come up short (half of such a filter's 3–6 ms at a
    /// million users). Nil when the usual plans decide.
    func countedPage(_ query: UserQuery, needle: String) throws -> [Row]? {
        guard let holders = try SQLiteSearchGrams.count(needle, db) else { return nil }
        if holders == 0 { return [] }
        guard holders <= rankedHitLimit, let start = try rankedStart(query),
              holders * firstWalk < (query.limit + 1) * Int(start.order.count) else { return nil }
        // The plan first: when there is no trigram query to sort, the usual plans ask for the
        // kept hits themselves, and checking them here too would be done twice.
        guard case .match(let match) = try plan(needle) else { return nil }
        if let rows = try keptHitsPage(query, needle: needle) { return rows }
        return try rankedPage(query, match: match, needle: needle)
    }

    /// How far a walk from the cursor should read to fill the page, judged from a sample of the
    /// table; nil when the filter is rare, or its matches lie too far on for a walk to pay.
    /// `estimate`: with the name order in memory, how many users hold the filter at the sampled rate.
    func sampledWalkBudget(_ query: UserQuery, needle: String, estimate: inout Int?) throws -> Int? {
        guard let sample = try FilterSample.take(db, needle: needle, size: sampleSize), !sample.holding.isEmpty else { return nil }
        let wanted = query.limit + 1
        guard query.sort.column == .name, let nameOrder, let order = nameOrder.snapshot(at: try NameOrder.version(db)) else {
            return sample.walkLength(wanted: wanted, slack: walkSlack).flatMap { $0 <= ratedWalkLimit ? $0 : nil }
        }
        estimate = sample.holding.count * Int(order.count) / max(1, sample.read)
        let upwards = query.sort.ascending != UserListingSQL.isBackwards(query.position)
        let start: Int32
        switch query.position {
        case .after(let cursor), .before(let cursor):
            guard let position = order.position(of: cursor.id.rawValue) else { return nil }
            start = position
        case .first, .last:
            start = upwards ? -1 : order.count
        }
        return sample.walkLength(wanted: wanted, from: start, upwards: upwards, in: order).flatMap { $0 <= sampledWalkLimit ? $0 : nil }
    }

    /// Where a page in name order starts among positions: the fresh order, whether it is read
    /// up the positions (an ascending list read forwards) or down, and the cursor's position.
    private struct RankedStart {
        let order: NameOrder.Snapshot
        let upwards: Bool
        let bound: Int32?
    }

    /// Nil unless the list is sorted by name and the order in memory is fresh (a stale or
    /// missing one is asked for again).
    private func rankedStart(_ query: UserQuery) throws -> RankedStart? {
        guard query.sort.column == .name, let nameOrder else { return nil }
        guard let order = nameOrder.snapshot(at: try NameOrder.version(db)) else {
            refreshNameOrder()
            return nil
        }
        let upwards = query.sort.ascending != UserListingSQL.isBackwards(query.position)
        guard let cursor = query.position.cursor else { return RankedStart(order: order, upwards: upwards, bound: nil) }
        guard let position = order.position(of: cursor.id.rawValue) else { return nil }
        return RankedStart(order: order, upwards: upwards, bound: position)
    }

    /// The page from hits sorted for an earlier keystroke or page (`NameOrder.SortedHits`):
    /// every user holding this filter is among the hits of a filter it contains ("tan" for
    /// "tana"), so they are checked in order, up to `narrowingLimit` of them for a narrower filter.
    func keptHitsPage(_ query: UserQuery, needle: String) throws -> [Row]? {
        guard let start = try rankedStart(query), let nameOrder,
              let kept = nameOrder.hits(within: needle, at: start.order.version),
              let page = try firstHolding(needle, in: kept.candidates, from: start, wanted: query.limit + 1,
                                          checkingAtMost: kept.needle == needle ? nil : narrowingLimit,
                                          exact: kept.needle == needle && !FilterQuery.indexFolds(needle)) else { return nil }
        return try fetch(query, from: .ids(page))
    }

    /// The page from the trigram hits put in name order with the in-memory `nameOrder`, if
    /// the list is sorted by name, that order is fresh, and the hits are not too many; the
    /// sorted hits are kept for the next page and the next keystroke (`keptHitsPage`).
    func rankedPage(_ query: UserQuery, match: String, needle: String) throws -> [Row]? {
        guard let start = try rankedStart(query), let nameOrder else { return nil }
        let hits = try IntegerColumnCursor.fetchAll(db, sql: "SELECT rowid FROM userSearch WHERE userSearch MATCH ? LIMIT ?",
                                                    arguments: [match, rankedHitLimit + 1])
        guard hits.count <= rankedHitLimit else { return nil }
        // Each candidate packed as position and id in one integer, so the sort compares plain
        // integers (a tuple sort through a closure was a tenth of a filter's page).
        var candidates: [UInt64] = []
        candidates.reserveCapacity(hits.count)
        for id in hits {
            guard let position = start.order.position(of: id), position >= 0 else { continue }
            // An id past 32 bits doesn't pack: the other plans read such a table.
            guard (0..<(1 << 32)).contains(id) else { return nil }
            candidates.append(UInt64(UInt32(position)) << 32 | UInt64(id))
        }
        candidates = PositionSort.sorted(candidates)
        nameOrder.keep(NameOrder.SortedHits(needle: needle, version: start.order.version, candidates: candidates))
        guard let page = try firstHolding(needle, in: candidates, from: start, wanted: query.limit + 1, checkingAtMost: nil,
                                          exact: !FilterQuery.indexFolds(needle)) else {
            return nil
        }
        return try fetch(query, from: .ids(page))
    }

    /// The ids of the first `wanted` candidates past the cursor's position in reading order whose
    /// row holds `needle`; nil when `limit` were checked without filling the page or reaching the end.
    /// Candidates are checked a batch at a time unless `exact` (they are this needle's own hits,
    /// which hold it): a narrower filter's, or hits of a needle the index folds, may not.
    private func firstHolding(_ needle: String, in candidates: [UInt64], from start: RankedStart,
                              wanted: Int, checkingAtMost limit: Int?, exact: Bool) throws -> [Int64]? {
        let upwards = start.upwards
        // Candidates sort by position first: the first at or above a position by binary search.
        func firstIndex(atOrAbove position: UInt64) -> Int {
            var low = 0, high = candidates.count
            while low < high {
                let middle = (low + high) / 2
                if candidates[middle] >> 32 < position { low = middle + 1 } else { high = middle }
            }
            return low
        }
        let range: Range<Int> = switch (start.bound, upwards) {
        case (nil, _): 0..<candidates.count
        case (let bound?, true): firstIndex(atOrAbove: UInt64(bound) + 1)..<candidates.count
        case (let bound?, false): 0..<firstIndex(atOrAbove: UInt64(bound))
        }
        var page: [Int64] = []
        var checked = 0
        while page.count < wanted && checked < range.count {
            if let limit, checked >= limit { return nil }
            let count = min(range.count - checked, wanted * 2)
            let slice = upwards ? range.lowerBound + checked..<range.lowerBound + checked + count
                                : range.upperBound - checked - count..<range.upperBound - checked
            var batch = candidates[slice].map { Int64($0 & 0xFFFF_FFFF) }
            if !upwards { batch.reverse() }
            checked += count
            if exact {
                page += batch.prefix(wanted - page.count)
                continue
            }
            let holding = Set(try Int64.fetchAll(db, sql: """
                SELECT id FROM user WHERE id IN (\(databaseQuestionMarks(count: batch.count))) AND instr(searchText, ?) > 0
                """,
                                                 arguments: StatementArguments(batch) + [needle]))
            page += batch.filter(holding.contains).prefix(wanted - page.count)
        }
        return page
    }

    /// The page, if a walk of at most `budget` rows from the cursor fills it or reaches the end.
    func walk(_ query: UserQuery, needle: String, budget: Int) throws -> [Row]? {
        let rows = try fetch(query, from: .walk(needle: needle, budget: budget))
        if rows.count > query.limit { return rows }
        let length = UserListingSQL.walkLength(query, budget: budget)
        let walked = try Int.fetchOne(db, sql: length.sql, arguments: length.arguments) ?? 0
        return walked < budget ? rows : nil
    }

    func fetch(_ query: UserQuery, from source: UserListingSQL.Source) throws -> [Row] {
        let statement = UserListingSQL.select(query, from: source)
        return try Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments)
    }

    /// How many rows the trigram query finds, counting no further than `limit`.
    func hitCount(_ match: String, limit: Int) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM userSearch WHERE userSearch MATCH ? LIMIT ?)",
                         arguments: [match, limit]) ?? 0
    }

    /// Fewer trigram hits than this are counted from the index (a phrase's hits, about 0.3 µs
    /// each) or checked one by one (a folded filter's, about 1.1 µs: 45 ms for 40,000), against
    /// 120–140 ms to scan a million users; more are scanned.
    var countHitLimit = 40_000
    /// With the search texts file current, a filter whose every gram at least this many users
    /// hold is counted there at once: listing a phrase's hits would cost more (about 0.3 µs
    /// each, and up to `countHitLimit` of them before scanning anyway).
    var textsFirst = 40_000
    /// More trigram terms than this for a one- or two-character filter are counted by scanning:
    /// their postings together outweigh the table (a single letter: 80–150 terms, 0.07–0.4 s
    /// in the index against 0.1 s scanning; two letters: 1–12 terms, 1–28 ms against 0.13 s).
    var countTermLimit = 24
    /// False: every count checks each hit or scans, as before the index counted on its own
    /// (tests compare the two).
    var countsFromHits = true

    enum Plan: Equatable {
        /// No row can hold the filter.
        case nothing
        /// An FTS5 query whose hits are the rows holding the filter; exactly those, unless the
        /// index folds the filter (`FilterQuery.indexFolds`): then each hit is checked with `instr`.
        case match(String)
        /// Read the table.
        case scan
    }

    func plan(_ needle: String) throws -> Plan {
        if let query = FilterQuery.phrase(needle) { return .match(query) }
        if FilterQuery.indexFolds(needle) { return .scan }
        // The trigrams that start with the filter: their union is exactly the rows holding it.
        let terms = try terms(startingWith: needle, limit: termLimit + 1)
        if terms.count > termLimit { return .scan }
        if terms.isEmpty { return .nothing }
        return .match(FilterQuery.anyOf(terms))
    }

    /// Trigram terms of the index that start with `prefix`, in order, at most `limit`.
    func terms(startingWith prefix: String, limit: Int) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT term FROM userSearchTerms WHERE term >= ? AND term < ? LIMIT ?",
                            arguments: [prefix, prefix + "\u{10FFFF}", limit])
    }
}
