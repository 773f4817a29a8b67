import Foundation

/// A filtered page for a reader who sees everyone on PostgreSQL, by the cheapest plan. A
/// filter most users match is found by walking the sort order's index a little way; a rare
/// one, or one whose matches lie far on (names cluster: every "Mei" sits together in name
/// order), would walk a long way, so then every match is found first: through the trigram or
/// the character index, or, for a short filter whose matches the sample shows lying together,
/// by walking only their stretch of the name order (span walk). PostgreSQL's planner can't
/// tell these apart from statistics (it guesses the same for "a" as for "zqxjvw"), so the choice is made
/// here: a short walk first, then a sample of the rows past it says how common matches are
/// and how far on the first lies, and so whether a second walk or every match is cheaper.
/// (With the name sample already in memory, a longer filter's first walk goes as far as the
/// sample says its page lies.)
extension PostgresUserStore {
    func filtered(_ query: UserQuery, needle: String, ascending: Bool) throws -> [UserRow] {
        // `userOrder.version`, read once a keystroke and only if the kept matches or the sample ask.
        var known: Int64?
        let version = { () throws -> Int64 in
            if let known { return known }
            let read = try orderVersion()
            known = read
            return read
        }
        let rows = try filteredRows(query, needle: needle, ascending: ascending, version: version)
        if keeping(query), let kept {
            kept.remember(needle, ascending: ascending, first: rows.first.map { UserCursor(row: $0, column: .name) }, page: rows.map(\.id),
                          wanted: query.limit + 1, at: try version())
        }
        return rows
    }

    private func filteredRows(_ query: UserQuery, needle: String, ascending: Bool, version: () throws -> Int64) throws -> [UserRow] {
        let sort = UserSort(query.sort.column, ascending: ascending)
        let limits = plan.limits(query.sort.column)
        let wanted = query.limit + 1
        // The first walk's start: the first match of a filter this one contains, when an
        // earlier keystroke found it (a filter typed on), else the start of the order.
        var walkFrom = query.position.cursor
        if keeping(query), let kept {
            // The first page in name order, either way: the page an earlier keystroke read for
            // this very filter, or from the matches kept for it or a filter it holds.
            if let ids = kept.firstPage(for: needle, ascending: ascending, wanted: wanted, at: try version()) {
                return try rows(ids, sort: sort)
            }
            if let ids = kept.matches(needle, at: try version()) {
                return try rows(Self.page(of: ids, wanted: wanted, ascending: ascending), sort: sort)
            }
            switch kept.start(for: needle, ascending: ascending, at: try version()) {
            case .nothingMatches?: return []
            case .at(let first)?:
                // Just before it in reading order, so the walk (after its cursor) reads it too.
                walkFrom = UserCursor(key: first.key, id: UserID(rawValue: ascending ? first.id.rawValue &- 1 : first.id.rawValue &+ 1))
            case nil: break
            }
        }
        // Nobody holds one of its strings of up to three characters (the gram counts, kept by
        // triggers): no page to look for. Otherwise such a filter walked, sampled and then
        // fetched every trigram candidate to find none ("ana@": 43-76 ms at a million users).
        // Asked after the kept matches, which answer a filter typed again without a round trip.
        // The count is exact for a filter of up to three characters (nil for a longer one, and,
        // for the plans below, once a span walk missed a match outside its stretch).
        var total = try PostgresSearchGrams.count(needle, db)
        if total == 0 { return [] }
        // Matches the sample shows lying together past where the first walk reaches (every
        // "Mei", half a million users on): found at once by a span walk, not after a walk and
        // a sample that would both come up empty. Only with the sample already taken (by an
        // earlier keystroke): taking it costs more than the walk it would save.
        // The span found here is the one every match would be found by later (same sample).
        var knownSpan: NameSample.Span??
        if keeping(query), let kept, let count = total, nameSample?.kept(at: try version()) != nil {
            let span = try span(of: needle, total: count, at: version(), taking: false)
            knownSpan = .some(span)
            if let span, (ascending ? span.before : span.after) >= Double(limits.first) {
                if let ids = try spanWalk(needle, total: count, span: span, in: kept, at: version()) {
                    return try rows(Self.page(of: ids, wanted: wanted, ascending: ascending), sort: sort)
                }
                // A match lies outside the stretch: the same walk later would find the same.
                total = nil
            }
        }
        let budget = try firstWalkBudget(query, needle: needle, from: walkFrom, ascending: ascending, wanted: wanted, total: total, version: version)
        let first = try walk(query, needle: needle, after: walkFrom, ascending: ascending, budget: budget, wanted: wanted)
        guard first.ids.count < wanted, let last = first.last else { return try rows(first.ids, sort: sort) }
        guard let lastRow = try rowsWithoutOrgs([last], sort: sort).first else {
            return try pageOfAllMatches(query, needle: needle, ascending: ascending, total: total, span: knownSpan, version: version)
        }
        let resume = UserCursor(row: lastRow, column: query.sort.column)
        let sample = try sample(query, needle: needle, after: resume, ascending: ascending, version: version)
        let needed = wanted - first.ids.count
        let expected = sample.share * sample.users
        // Rare enough that fetching every match costs less than walking to where a page likely
        // ends, or the page lies too far on to walk to: find them all now.
        guard let reach = plan.walk(sample, needed: needed, room: limits.longest - budget, column: query.sort.column) else {
            return try pageOfAllMatches(query, needle: needle, ascending: ascending, expected: expected, total: total, span: knownSpan, version: version)
        }
        let second = try walk(query, needle: needle, after: resume, ascending: ascending,
                              budget: min(limits.longest - budget, max(limits.first, reach)), wanted: needed)
        guard second.ids.count < needed, second.last != nil else { return try rows(first.ids + second.ids, sort: sort) }
        return try pageOfAllMatches(query, needle: needle, ascending: ascending, expected: expected, total: total, span: knownSpan, version: version)
    }

    /// The first walk's length: `limits.first`, or, when the name sample kept for this version
    /// says a filter the gram counts didn't count (longer than three characters, or one a span
    /// walk missed) is cheaper walked than fetched but its page lies further on, as far as the
    /// sample says the page ends. "ozturk.1" (2,664 users, typed on from "ozturk.") fills its
    /// page 19,000 rows past the first "ozturk.": one walk there takes 3 ms; a first walk, the
    /// row it ended at, and every match fetched took 11.
    func firstWalkBudget(_ query: UserQuery, needle: String, from cursor: UserCursor?, ascending: Bool, wanted: Int,
                         total: Int?, version: () throws -> Int64) throws -> Int {
        let limits = plan.limits(query.sort.column)
        guard total == nil, query.sort.column == .name, query.signInCutoff == nil, let sample = try nameSample?.kept(at: version())
        else { return limits.first }
        var after: (key: [UInt8], id: Int64)?
        if let cursor {
            guard case .text(let name) = cursor.key else { return limits.first }
            after = (NameSample.nameKey(name), cursor.id.rawValue)
        }
        let estimate = NameSample.estimate(sample, needle: Array(needle.utf8), after: after, ascending: ascending)
        return max(limits.first, plan.walk(estimate, needed: wanted, room: limits.longest, column: .name) ?? 0)
    }

    /// Reads up to `budget` rows of the sort order after `cursor` (from the start without one)
    /// and returns the first `wanted` that hold the needle; when it found fewer, also the last
    /// row it read, or nil when the order ended before `budget` rows.
    private func walk(_ query: UserQuery, needle: String, after cursor: UserCursor?, ascending: Bool, budget: Int,
                      wanted: Int) throws -> (ids: [UserID], last: UserID?) {
        var walk = PGQuery()
        if let cutoff = query.signInCutoff { walk.dormant(before: cutoff) }
        if let cursor { walk.after(cursor, column: query.sort.column, ascending: ascending) }
        let order = PGQuery.order(query.sort.column, ascending: ascending)
        let conditions = walk.whereClause
        let limit = walk.bind(budget)
        // No window function to number the rows (it doubled an index-only walk's cost): the
        // matches stream out of the walk in order and it stops at the `wanted`th.
        let found = try db.execute("""
            SELECT id FROM (SELECT u.id, u.searchText, \(PGQuery.expression(query.sort.column)) AS key FROM users u\(conditions)
                ORDER BY \(order) LIMIT \(limit)) AS w
            WHERE strpos(w.searchText, \(walk.bind(needle))) > 0
            ORDER BY \(PGQuery.order(query.sort.column, ascending: ascending, key: "w.key", id: "w.id")) LIMIT \(walk.bind(wanted))
            """, walk.parameters)
        let ids = (0..<found.count).compactMap { found.int64($0, 0) }.map(UserID.init(rawValue:))
        guard ids.count < wanted else { return (ids, nil) }
        let end = try db.execute("SELECT u.id FROM users u\(conditions) ORDER BY \(order) OFFSET \(limit) - 1 LIMIT 1",
                                 Array(walk.parameters.prefix(walk.parameters.count - 2)))
        return (ids, end.int64(0, 0).map(UserID.init(rawValue:)))
    }

    /// From a sample of the table's pages, of the rows after `cursor`: the share that hold
    /// `needle`, about how many rows there are, and about how many lie before the first that
    /// holds it (nil when none sampled does). Counted against the first match's sort key, not
    /// by numbering the sample in order: a window over it cost twice the sample's reading.
    private func sample(_ query: UserQuery, needle: String, after cursor: UserCursor, ascending: Bool,
                        version: () throws -> Int64) throws -> NameSample.Estimate {
        if query.sort.column == .name, query.signInCutoff == nil, let nameSample, case .text(let name) = cursor.key {
            let at = try version()
            let sample = try nameSample.sample(at: at) { try takeNameSample(at: at) }
            return NameSample.estimate(sample, needle: Array(needle.utf8), after: (NameSample.nameKey(name), cursor.id.rawValue),
                                       ascending: ascending)
        }
        var sql = PGQuery()
        if let cutoff = query.signInCutoff { sql.dormant(before: cutoff) }
        sql.after(cursor, column: query.sort.column, ascending: ascending)
        let hit = "strpos(u.searchText, \(sql.bind(needle))) > 0"
        let (first, before) = ascending ? ("min", "<") : ("max", ">")
        let result = try db.execute("""
            WITH s AS MATERIALIZED (SELECT \(PGQuery.expression(query.sort.column)) AS key, \(hit) AS hit
                FROM users u TABLESAMPLE SYSTEM (\(plan.samplePercent))\(sql.whereClause))
            SELECT count(*) FILTER (WHERE hit), count(*), count(*) FILTER (WHERE key \(before) (SELECT \(first)(key) FROM s WHERE hit))
                FROM s
            """, sql.parameters)
        let (hits, seen) = (result.int(0, 0) ?? 0, result.int(0, 1) ?? 0)
        let scale = 100 / plan.samplePercent
        guard seen > 0 else { return NameSample.Estimate(share: 0, users: 0, rowsBeforeFirstHit: nil, observed: 0) }
        return NameSample.Estimate(share: Double(hits) / Double(seen), users: Double(seen) * scale,
                                   rowsBeforeFirstHit: hits == 0 ? nil : Double(result.int(0, 2) ?? 0) * scale, observed: seen)
    }

    /// Takes the sample for this transaction's `userOrder.version` unless one is kept (one being
    /// taken is waited for as any reader waits): ahead of the first filter that would need it.
    func takeSampleAhead() throws {
        guard let nameSample else { return }
        let version = try orderVersion()
        _ = try nameSample.sample(at: version) { try takeNameSample(at: version) }
    }

    /// A new sample of the table for `NameSample`, at this transaction's `userOrder.version`.
    func takeNameSample(at version: Int64) throws -> NameSample.Sample {
        var sample = NameSample.Sample(version: version, scale: 100 / plan.nameSamplePercent)
        let result = try db.execute("SELECT nameKey, id, searchText FROM users TABLESAMPLE SYSTEM (\(plan.nameSamplePercent))")
        for row in 0..<result.count {
            guard let id = result.int64(row, 1), let key = result.withBytes(row, 0, Array.init) else { continue }
            result.withBytes(row, 2) { sample.append(key: key, id: id, text: $0) }
        }
        return sample
    }

    /// The page found by fetching every match first, through the trigram index when the
    /// needle has a trigram, else through the character index, with just the columns the
    /// order needs (materialized, so the planner can't fold it back into a walk of the sort
    /// order); then only they are sorted, and the page's rows read.
    /// `expected`: about how many match, when a sample said; more than `KeptMatches.limit`
    /// are not worth reading whole to keep. `total`: how many match, when the gram counts
    /// can tell; then a span walk may find them all more cheaply. `span`: the span already
    /// asked of the sample this keystroke (`.some(nil)`: none), not to be asked again.
    private func pageOfAllMatches(_ query: UserQuery, needle: String, ascending: Bool, expected: Double? = nil, total: Int?,
                                  span: NameSample.Span??, version: () throws -> Int64) throws -> [UserRow] {
        if keeping(query), (expected ?? 0) <= Double(KeptMatches.limit), let kept,
           let ids = try spanMatches(needle, total: total, known: span, in: kept, at: version())
                ?? keepAllMatches(needle, in: kept, at: version()) {
            return try rows(Self.page(of: ids, wanted: query.limit + 1, ascending: ascending), sort: UserSort(query.sort.column, ascending: ascending))
        }
        var sql = PGQuery()
        sql.require(sql.containsRare(needle, in: "u.searchText"))
        if let cutoff = query.signInCutoff { sql.dormant(before: cutoff) }
        switch query.position {
        case .after(let cursor), .before(let cursor): sql.after(cursor, column: query.sort.column, ascending: ascending)
        case .first, .last: break
        }
        let order = PGQuery.order(query.sort.column, ascending: ascending, key: "key", id: "id")
        let found = try db.execute("""
            WITH matched AS MATERIALIZED (SELECT u.id, \(PGQuery.expression(query.sort.column)) AS key FROM users u\(sql.whereClause))
            SELECT id FROM matched ORDER BY \(order) LIMIT \(sql.bind(query.limit + 1))
            """, sql.parameters)
        let ids = (0..<found.count).compactMap { found.int64($0, 0) }.map(UserID.init(rawValue:))
        return try rows(ids, sort: UserSort(query.sort.column, ascending: ascending))
    }

    /// A first page (from the end read) of every match, in name order.
    private static func page(of ids: [Int64], wanted: Int, ascending: Bool) -> [UserID] {
        (ascending ? Array(ids.prefix(wanted)) : Array(ids.suffix(wanted).reversed())).map(UserID.init(rawValue:))
    }

    /// Every match of `needle` by a span walk, when one may find them (`span(of:)`, unless
    /// `known` already says).
    private func spanMatches(_ needle: String, total: Int?, known: NameSample.Span??, in kept: KeptMatches,
                             at version: Int64) throws -> [Int64]? {
        guard let total, let span = try known ?? span(of: needle, total: total, at: version, taking: true) else { return nil }
        return try spanWalk(needle, total: total, span: span, in: kept, at: version)
    }

    /// Whether a filter's matches may be kept, or served from those kept: a first page (either
    /// end) in name order, no other condition.
    private func keeping(_ query: UserQuery) -> Bool {
        query.sort.column == .name && query.position.cursor == nil && query.signInCutoff == nil
    }

    /// Every match of `needle` in name order, kept for the next keystroke; nil when there are
    /// more than `KeptMatches.limit`.
    private func keepAllMatches(_ needle: String, in kept: KeptMatches, at version: Int64) throws -> [Int64]? {
        var sql = PGQuery()
        let condition = sql.containsRare(needle, in: "u.searchText")
        let found = try db.execute("""
            WITH matched AS MATERIALIZED (SELECT u.id, u.nameKey, u.searchText FROM users u WHERE \(condition))
            SELECT id, searchText FROM matched ORDER BY nameKey, id LIMIT \(sql.bind(KeptMatches.limit + 1))
            """, sql.parameters)
        guard found.count <= KeptMatches.limit else { return nil }
        return kept.keep(found, needle: needle, at: version)
    }
}
