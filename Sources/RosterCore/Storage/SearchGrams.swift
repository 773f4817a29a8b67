/// How many users' search texts hold each string of one to three characters ("gram"): the
/// exact count of a filter that short, which otherwise means reading every user's search
/// text (0.1–0.5 s at a million users, on every first `*` of a short filter); and, for a
/// longer filter holding a gram nobody has, that nobody matches.
///
/// Both stores keep a `searchGram (gram, users)` table by triggers in the transaction that
/// writes the user, so a count read in any snapshot agrees with the users in it. A gram is
/// one to three Unicode scalars, which is what SQLite's `substr` and PostgreSQL's `substr`
/// count in (PostgreSQL in a UTF8 database; in another encoding its table is not asked), and
/// what `instr`/`strpos` match: a user matches a filter of up to three scalars
/// exactly when their search text holds it as a gram.
///
/// Grams are taken where they start within the first `reach` scalars of a text (the
/// triggers number positions from a table that long); a longer text also adds one to the
/// gram "", and while any such user exists, counts are read the slow way.
///
/// Migrations v16 (SQLite) and p10 (PostgreSQL) wrote `gramsSQL` and `reach` into their
/// triggers and counted with `SearchGramTally`: changing any of them takes a new migration
/// that replaces the triggers and counts every user again.
public enum SearchGrams {
    /// Positions the triggers look at: far past the longest text the forms allow (two names
    /// of 100 characters and an email of 254, folded).
    static let reach = 1024
    /// The gram counting users whose search text is longer than `reach`; no filter is empty.
    static let overlong = ""
    /// The longest gram.
    static let longest = 3

    /// What the table can answer for a folded filter.
    enum Lookup: Equatable {
        /// The filter is a gram: its count is the answer.
        case count(String)
        /// A longer filter: nobody matches it when one of these grams has no user.
        case noneWithout([String])
    }

    static func lookup(for needle: String) -> Lookup? {
        let scalars = Array(needle.unicodeScalars)
        if scalars.isEmpty { return nil }
        if scalars.count <= longest { return .count(needle) }
        let grams = (0...(scalars.count - longest)).map { String(String.UnicodeScalarView(scalars[$0..<$0 + longest])) }
        // Some of them prove "nobody" as well as all; a pasted page of text must not bind
        // more parameters than the database takes.
        return .noneWithout(Array(Array(Set(grams)).sorted().prefix(64)))
    }

    /// The SQL for the distinct grams of the text in `column` (e.g. `new.searchText`), one a
    /// row named `gram`, read off `positions` (a table of `n` from 1 to `reach`). SQLite's and
    /// PostgreSQL's `substr` and `length` agree on it.
    static func gramsSQL(of column: String, positions: String) -> String {
        """
        SELECT substr(\(column), n, 1) AS gram FROM \(positions) WHERE n <= length(\(column)) \
        UNION SELECT substr(\(column), n, 2) FROM \(positions) WHERE n < length(\(column)) \
        UNION SELECT substr(\(column), n, 3) FROM \(positions) WHERE n < length(\(column)) - 1 \
        UNION SELECT '\(overlong)' WHERE length(\(column)) > \(reach)
        """
    }

    /// The SQL asking `searchGram` about a filter (parameters: `?` or `$n` by `placeholder`),
    /// and how to read its answer: first whether the table can answer at all (no overlong
    /// text), then the count, or how many of the filter's grams some user holds.
    static func question(_ lookup: Lookup, placeholder: (Int) -> String) -> (sql: String, parameters: [String]) {
        let overlong = "(SELECT users FROM searchGram WHERE gram = \(placeholder(1)))"
        switch lookup {
        case .count(let gram):
            return ("SELECT \(overlong), (SELECT users FROM searchGram WHERE gram = \(placeholder(2)))", [Self.overlong, gram])
        case .noneWithout(let grams):
            let list = grams.indices.map { placeholder($0 + 2) }.joined(separator: ", ")
            return ("SELECT \(overlong), (SELECT count(*) FROM searchGram WHERE users > 0 AND gram IN (\(list)))", [Self.overlong] + grams)
        }
    }

    /// `users` as a count up to `limit` reports it: at most one past the limit.
    static func capped(_ users: Int, limit: Int?) -> Int {
        limit.map { min(users, $0 + 1) } ?? users
    }

    /// The count from `question`'s two answers, or nil when the table can't tell.
    static func answer(_ lookup: Lookup, overlong: Int?, value: Int?) -> Int? {
        guard (overlong ?? 0) == 0 else { return nil }
        switch lookup {
        case .count: return value ?? 0
        case .noneWithout(let grams): return (value ?? 0) < grams.count ? 0 : nil
        }
    }
}

/// Users per gram for many search texts, counted in memory: what a migration fills
/// `searchGram` with, and what an import or a bulk load adds for the texts it logged
/// instead of counting them one by one. Counts what the triggers count
/// (`SearchGrams.gramsSQL`), byte for byte.
struct SearchGramTally {
    /// ASCII grams, the usual case, in a flat table: 0..<128 one character, then 128 + 128 × first + second.
    private var ascii = [Int](repeating: 0, count: 128 + 128 * 128)
    /// Which text last counted each ASCII gram, so a text counts a gram once.
    private var countedBy = [UInt32](repeating: 0, count: 128 + 128 * 128)
    private var texts: UInt32 = 0
    /// Three-scalar grams and those with a scalar past ASCII: first << 42 | (second + 1) << 21
    /// | (third + 1), 0 for a scalar the gram doesn't have.
    private var others: [UInt64: Int] = [:]
    private var overlong = 0
    private var scratch: [UInt64] = []

    /// Counts `searchText`'s grams once each, `change` times (-1: a text removed).
    mutating func add(_ searchText: String, change: Int = 1) {
        if texts == UInt32.max {
            countedBy = [UInt32](repeating: 0, count: countedBy.count)
            texts = 0
        }
        texts += 1
        scratch.removeAll(keepingCapacity: true)
        var position = 0
        var previous: UInt32?
        var older: UInt32?
        for scalar in searchText.unicodeScalars {
            position += 1
            let value = scalar.value
            // Each gram counts where it starts, up to the reach; one ending past it still counts.
            if position <= SearchGrams.reach { count(value, nil, nil, change) }
            if let previous, position - 1 <= SearchGrams.reach { count(previous, value, nil, change) }
            if let older, let previous { count(older, previous, value, change) }
            if position == SearchGrams.reach + 1 { overlong += change }
            if position == SearchGrams.reach + 2 { break }
            older = previous
            previous = value
        }
        scratch.sort()
        var last: UInt64?
        for key in scratch where key != last {
            others[key, default: 0] += change
            last = key
        }
    }

    private mutating func count(_ first: UInt32, _ second: UInt32?, _ third: UInt32?, _ change: Int) {
        if third == nil, first < 128, second ?? 0 < 128 {
            let index = second.map { 128 + 128 * Int(first) + Int($0) } ?? Int(first)
            if countedBy[index] != texts {
                countedBy[index] = texts
                ascii[index] += change
            }
        } else {
            scratch.append(UInt64(first) << 42 | UInt64(second.map { $0 + 1 } ?? 0) << 21 | UInt64(third.map { $0 + 1 } ?? 0))
        }
    }

    /// Every gram whose count changed, with the change (negative where more texts holding it
    /// were removed than added).
    var counts: [(gram: String, users: Int)] {
        var result: [(gram: String, users: Int)] = []
        for (index, users) in ascii.enumerated() where users != 0 {
            let scalars = index < 128 ? [index] : [(index - 128) / 128, (index - 128) % 128]
            result.append((String(String.UnicodeScalarView(scalars.compactMap { Unicode.Scalar(UInt32($0)) })), users))
        }
        for (key, users) in others where users != 0 {
            let second = UInt32(truncatingIfNeeded: key >> 21) & 0x1F_FFFF, third = UInt32(truncatingIfNeeded: key) & 0x1F_FFFF
            let scalars = [UInt32(key >> 42)] + [second, third].filter { $0 != 0 }.map { $0 - 1 }
            result.append((String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init))), users))
        }
        if overlong != 0 { result.append((SearchGrams.overlong, overlong)) }
        return result
    }
}
