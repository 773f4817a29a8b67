/// Turns a folded filter into an FTS5 query over the trigram index. Pure and total: every
/// character a person can type ends up inside a quoted string literal, so no filter is ever
/// read as FTS5 syntax (`a*`, `NEAR(…)`, `^`, `OR`, unbalanced quotes). Fuzzed (Fuzz/).
enum FilterQuery {
    /// For three characters or more: every distinct trigram of the needle, all required.
    /// Nil for shorter needles, which have no trigram of their own.
    static func trigrams(_ needle: String) -> String? {
        let scalars = Array(needle.unicodeScalars)
        guard scalars.count >= 3 else { return nil }
        var trigrams: [String] = []
        var seen: Set<String> = []
        for start in 0...(scalars.count - 3) {
            let trigram = String(String.UnicodeScalarView(scalars[start..<start + 3]))
            if seen.insert(trigram).inserted { trigrams.append(trigram) }
        }
        return trigrams.map(quoted).joined(separator: " AND ")
    }

    /// Any of these index terms.
    static func anyOf(_ terms: [String]) -> String {
        terms.map(quoted).joined(separator: " OR ")
    }

    /// An FTS5 string literal.
    static func quoted(_ term: String) -> String {
        "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
