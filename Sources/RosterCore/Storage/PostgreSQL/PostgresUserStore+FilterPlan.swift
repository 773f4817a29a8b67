import Foundation

extension PostgresUserStore {
    /// The walks' limits, and what walking and fetching cost, by which a filtered page chooses
    /// its plan. Tests shrink the limits, and sample the whole table, to reach every plan.
    struct FilterPlan {
        /// Rows the first walk reads.
        var walkBudget = 2_000
        /// Rows all walks read in all before finding every match first is the cheaper plan.
        var longestWalk = 30_000
        /// How many times further walks of the name order go: its index carries the search
        /// text, so they read the index alone (about 0.15 µs a row at a million users) where
        /// other orders fetch each row they pass from the table (about 1.5 µs).
        var nameScale = 3
        /// The share of the table's pages a sample read for one keystroke reads (other sort
        /// orders, the dormant list), in percent: a few milliseconds at a million users.
        var samplePercent = 0.5
        /// The name sample, kept in memory while `userOrder.version` stands still and taken
        /// ahead while a person reads the first page, reads twice as much: a rare filter's
        /// matches come in clumps (one first name's Öztürks), and a sample of 0.5 % missed
        /// the clumps nearest the cursor often enough to send 3–8 % of first reads of
        /// `ozturk.1` and `nguyen.1` to fetching every match (300 samples each); 1 % did so
        /// for under 1 %.
        var nameSamplePercent: Double { min(100, 2 * samplePercent) }
        /// Sampled users (about 100 each) a span walk reads before the first sampled match and
        /// past the last.
        var spanMargin = 8
        /// Rows a span walk may read for each match it must find: about the cost of fetching
        /// each match from the table instead (0.2 against 2 µs).
        var spanReach = 8
        /// How many rows of the name order's index a walk reads in the time fetching one match
        /// through the trigram or character index takes, and fetching any at all (the index's
        /// bitmap): at a million users, 0.165 µs a row walked against 3.3–3.6 µs a match
        /// fetched ("ozturk.1", "nguyen.1", "tanaka.2": 2,700 users each), and 0.4–5 ms before
        /// the first, taken as 1 ms. Other orders' walks fetch each row they pass from the
        /// table, so there a match costs about what a row does.
        var nameFetchCost = (match: 20.0, setup: 6_000.0)

        func limits(_ column: UserSortColumn) -> (first: Int, longest: Int) {
            column == .name ? (walkBudget * nameScale, longestWalk * nameScale) : (walkBudget, longestWalk)
        }

        /// How far to walk for `needed` more matches, by `estimate`, with `room` rows left to
        /// walk; nil when fetching every match likely costs less, or no sampled user past the
        /// cursor holds the filter. Fetching reads `share × users` matches, each costing as
        /// many rows as `nameFetchCost` says in name order, one in other orders; walking, 1.3
        /// times the rows it likely reads (how far it goes is a guess, what a fetch costs
        /// hardly is; and in name order, fetched matches are kept for the next keystroke).
        /// A walk likely reads to where the first sampled match lies, then the page at the
        /// sampled rate and half again; it is given twice that, since a sample misjudges where
        /// the first match lies (at 0.5 %, "ana" starts 7,400 rows on and half the samples said
        /// 5,800–7,000) and a walk stops at the page, so room it doesn't use costs nothing.
        /// But the first sampled match only says the first match lies no further. A rare
        /// filter's matches are sampled in few places (1 in 100), so the first sampled one may
        /// lie far past the first: "ozturk.1" holds 47 of the first 6,000 rows past "ozturk.",
        /// then 47 in each first name's Öztürks, 20,000 rows apart, and most samples miss the
        /// next few. When the sampled rows before the first sampled match are too few to be
        /// sure to hold one at the sampled rate (six or fewer expected: matches that come in
        /// clumps are missed a clump at a time), and the page would lie well
        /// within half what fetching costs if matches lay evenly, the walk goes that far:
        /// finding the page saves most of the fetch, not finding it adds half. Where the
        /// sample would have held several ("ol": 37,604 users in a few first names, the first
        /// 150,000 rows on), the matches do begin about there, and are fetched.
        func walk(_ estimate: NameSample.Estimate, needed: Int, room: Int, column: UserSortColumn) -> Int? {
            guard room > 0, let before = estimate.rowsBeforeFirstHit, estimate.share > 0, estimate.users > 0, estimate.observed > 0
            else { return nil }
            let cost = column == .name ? nameFetchCost : (match: 1, setup: 0)
            let fetch = estimate.share * estimate.users * cost.match + cost.setup
            let page = 1.5 * Double(needed) / estimate.share
            if before + page <= Double(room), 1.3 * (before + page) <= fetch { return min(room, Int(2 * (before + page))) }
            let sampledBefore = before * Double(estimate.observed) / estimate.users
            if estimate.share * sampledBefore <= 6, 2 * page <= fetch { return Int(min(Double(room), fetch / 2)) }
            return nil
        }
    }
}
