/// How many users' search texts hold each one- and two-character string ("gram"): the exact
/// count of a filter that short, which otherwise means reading every user's search text
/// (0.1–0.2 s at a million users, on every first `*` of a one- or two-letter filter).
///
/// Both stores keep a `searchGram (gram, users)` table by triggers in the transaction that
/// writes the user, so a count read in any snapshot agrees with the users in it. A gram is
/// one or two Unicode scalars, which is what SQLite's `substr` and PostgreSQL's `substr`
/// count in, and what `instr`/`strpos` match: a user matches a filter of one or two scalars
/// exactly when their search text holds it as a gram.
///
/// Grams are taken from the first `reach` scalars of a text (the triggers number positions
/// from a table that long); a longer text adds one to the gram "" instead, and while any
/// such user exists, counts are read the slow way (`usable`).
public enum SearchGrams {
    /// Positions the triggers look at: far past the longest text the forms allow (two names
    /// of 100 characters and an email of 254, folded).
    static let reach = 1024
    /// The gram counting users whose search text is longer than `reach`; no filter is empty.
    static let overlong = ""

    /// The gram whose count is the number of users matching `needle` (a folded filter), or
    /// nil when the filter is longer than a gram.
    static func gram(for needle: String) -> String? {
        needle.unicodeScalars.count <= 2 && !needle.isEmpty ? needle : nil
    }

    /// The SQL for the distinct grams of the text in `column` (e.g. `new.searchText`), one a
    /// row named `gram`, read off `positions` (a table of `n` from 1 to `reach`). SQLite's and
    /// PostgreSQL's `substr` and `length` agree on it.
    static func gramsSQL(of column: String, positions: String) -> String {
        """
        SELECT substr(\(column), n, 1) AS gram FROM \(positions) WHERE n <= length(\(column)) \
        UNION SELECT substr(\(column), n, 2) FROM \(positions) WHERE n < length(\(column)) \
        UNION SELECT '\(overlong)' WHERE length(\(column)) > \(reach)
        """
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
    /// Grams with a scalar past ASCII: first scalar << 32 | second + 1 (0 for one scalar).
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
        for scalar in searchText.unicodeScalars {
            position += 1
            let value = scalar.value
            if position > SearchGrams.reach {
                // One scalar past the reach: the pair that starts at the reach still counts.
                if let previous { count(previous, value, change) }
                overlong += change
                break
            }
            count(value, nil, change)
            if let previous { count(previous, value, change) }
            previous = value
        }
        scratch.sort()
        var last: UInt64?
        for key in scratch where key != last {
            others[key, default: 0] += change
            last = key
        }
    }

    private mutating func count(_ first: UInt32, _ second: UInt32?, _ change: Int) {
        if first < 128, second ?? 0 < 128 {
            let index = second.map { 128 + 128 * Int(first) + Int($0) } ?? Int(first)
            if countedBy[index] != texts {
                countedBy[index] = texts
                ascii[index] += change
            }
        } else {
            scratch.append(UInt64(first) << 32 | UInt64(second.map { $0 + 1 } ?? 0))
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
            let second = UInt32(truncatingIfNeeded: key)
            let scalars = [UInt32(key >> 32)] + (second == 0 ? [] : [second - 1])
            result.append((String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init))), users))
        }
        if overlong != 0 { result.append((SearchGrams.overlong, overlong)) }
        return result
    }
}
