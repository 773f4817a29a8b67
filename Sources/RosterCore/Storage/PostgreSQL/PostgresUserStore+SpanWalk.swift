import Foundation

extension PostgresUserStore {
    /// The stretch of the name order the sample says holds every match of `needle`
    /// (`NameSample.span`), when a span walk may find them: `total` says exactly how many match
    /// (a filter of up to three characters, counted in this snapshot by the gram counts), few
    /// enough to keep, and the stretch is short enough to cost less than fetching each match.
    /// `taking`: take the sample now if none is kept for this version (else nil).
    func span(of needle: String, total: Int?, at version: Int64, taking: Bool) throws -> NameSample.Span? {
        guard let total, total > 0, total <= KeptMatches.limit, let nameSample else { return nil }
        let kept = taking ? try nameSample.sample(at: version) { try takeNameSample(at: version) } : nameSample.kept(at: version)
        guard let sample = kept, let span = NameSample.span(sample, needle: Array(needle.utf8), margin: plan.spanMargin),
              Self.walkLimit(span) <= total * plan.spanReach else { return nil }
        return span
    }

    /// Rows a span walk reads at most: half as far again as the sample says the stretch holds
    /// (a stretch of a hundred sampled users is misjudged by a tenth either way, and the walk
    /// stops at the last match, so room it doesn't use costs nothing).
    private static func walkLimit(_ span: NameSample.Span) -> Int { Int(span.rows * 1.5) }

    /// Every one of the `total` users holding `needle`, in name order, found by reading
    /// `span` of the name order rather than fetching each match from the table; kept in
    /// `kept` as `keepAllMatches` keeps them. The name order's index carries the search text,
    /// so the walk reads the index alone: "mei", 19,000 users about 515,000 on in name order,
    /// took 50–90 ms fetched one by one through the trigram index, 8–10 ms so.
    ///
    /// Finding `total` in the stretch proves none lies outside it. The count is kept by triggers
    /// in every writing transaction and trusted as the empty page's "nobody holds it" is, so the
    /// walk stops at the `total`th match instead of reading the rest of the stretch to see
    /// there's no other (up to a third of its rows). Nil, for the caller to fetch
    /// every match instead, when a match lies outside (the sample missed it); the walk then
    /// cost at most `spanReach` rows a match, about as much again.
    func spanWalk(_ needle: String, total: Int, span: NameSample.Span, in kept: KeptMatches, at version: Int64) throws -> [Int64]? {
        var sql = PGQuery()
        if let start = span.start {
            sql.require("(u.nameKey, u.id) >= (\(sql.bind(String(decoding: start.key, as: UTF8.self))), \(sql.bind(start.id)))")
        }
        let found = try db.execute("""
            SELECT id, searchText FROM (SELECT u.id, u.searchText, u.nameKey FROM users u\(sql.whereClause)
                ORDER BY u.nameKey, u.id LIMIT \(sql.bind(Self.walkLimit(span)))) AS w
            WHERE strpos(w.searchText, \(sql.bind(needle))) > 0
            ORDER BY w.nameKey, w.id LIMIT \(sql.bind(total))
            """, sql.parameters)
        guard found.count == total else { return nil }
        return kept.keep(found, needle: needle, at: version)
    }
}
