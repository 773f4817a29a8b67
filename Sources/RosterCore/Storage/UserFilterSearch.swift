import GRDB

/// Finds a page of users whose folded name or email holds a filter, fast at a million rows.
///
/// A filter that many users match is answered by walking the sort index from the cursor and
/// keeping the rows that match: the page fills within a few thousand rows. A rare filter would
/// make that walk read the whole table, so when a bounded walk comes back short the page is
/// built from the rows the trigram index (`userSearch`) finds instead, and only those are sorted.
/// Filters of one or two characters use the trigram index through its term list: every short
/// substring starts some trigram (see `SearchText.terminator`).
struct UserFilterSearch {
    let db: Database
    /// Rows read in sort order before giving up on the walk. At 3,000 a filter matched by one
    /// user in 60 still fills a page of 50 from the walk; anything rarer has few enough hits
    /// for sorting them to be cheap. Tests shrink it to force the other plans.
    var walkBudget = 3000
    /// More trigram terms than this for a one- or two-character filter means a common filter:
    /// scanning the table is then no slower than an enormous OR query.
    var termLimit = 400

    func page(_ query: UserQuery, needle: String) throws -> [Row] {
        let walk = UserListingSQL.select(query, from: .walk(needle: needle, budget: walkBudget))
        let walked = try Row.fetchAll(db, sql: walk.sql, arguments: walk.arguments)
        if walked.count > query.limit { return walked }
        let length = UserListingSQL.walkLength(query, budget: walkBudget)
        if try Int.fetchOne(db, sql: length.sql, arguments: length.arguments) ?? 0 < walkBudget {
            return walked // The walk reached the end of the list: this is all there is.
        }
        let source: UserListingSQL.Source
        switch try plan(needle) {
        case .nothing: return []
        case .match(let match): source = .hits(match: match, needle: needle)
        case .scan: source = .table(needle: needle)
        }
        let statement = UserListingSQL.select(query, from: source)
        return try Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments)
    }

    func count(needle: String) throws -> Int {
        switch try plan(needle) {
        case .nothing:
            return 0
        case .match(let match):
            return try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT rowid AS hitId FROM userSearch WHERE userSearch MATCH ?)
                CROSS JOIN user ON user.id = hitId WHERE instr(user.searchText, ?) > 0
                """, arguments: [match, needle]) ?? 0
        case .scan:
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM user WHERE instr(searchText, ?) > 0", arguments: [needle]) ?? 0
        }
    }

    enum Plan: Equatable {
        /// No row can hold the filter.
        case nothing
        /// An FTS5 query whose hits include every row holding the filter; each hit is then
        /// checked with `instr`, because the trigrams of a filter can occur apart.
        case match(String)
        /// Read the table.
        case scan
    }

    func plan(_ needle: String) throws -> Plan {
        let scalars = Array(needle.unicodeScalars)
        if scalars.count >= 3 {
            var trigrams: [String] = []
            for start in 0...(scalars.count - 3) {
                let trigram = String(String.UnicodeScalarView(scalars[start..<start + 3]))
                if !trigrams.contains(trigram) { trigrams.append(trigram) }
            }
            return .match(trigrams.map(Self.quoted).joined(separator: " AND "))
        }
        // The trigrams that start with the filter: their union is exactly the rows holding it.
        let terms = try String.fetchAll(db, sql: """
            SELECT term FROM userSearchTerms WHERE term >= ? AND term < ? LIMIT ?
            """, arguments: [needle, needle + "\u{10FFFF}", termLimit + 1])
        if terms.count > termLimit { return .scan }
        if terms.isEmpty { return .nothing }
        return .match(terms.map(Self.quoted).joined(separator: " OR "))
    }

    /// An FTS5 string literal.
    static func quoted(_ term: String) -> String {
        "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
