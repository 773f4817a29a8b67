/// Turns a folded filter into an FTS5 query over the trigram index. Pure and total: every
/// character a person can type ends up inside a quoted string literal, so no filter is ever
/// read as FTS5 syntax (`a*`, `NEAR(…)`, `^`, `OR`, unbalanced quotes). Fuzzed (Fuzz/).
enum FilterQuery {
    /// For three characters or more: the needle as one phrase of its trigrams, each right
    /// after the one before, which is exactly "the text holds the needle" (the index keeps
    /// each trigram's positions). Nil for shorter needles, which have no trigram of their own.
    static func phrase(_ needle: String) -> String? {
        needle.unicodeScalars.count >= 3 ? quoted(needle) : nil
    }

    /// Whether the index reads the needle differently: FTS5 reads U+FFFE and U+FFFF as U+FFFD,
    /// in the index and in a query alike, so hits holding one stand for all three (checked
    /// with `instr`, they are right), and the term list holds no trigram starting with U+FFFE
    /// or U+FFFF, so a short filter holding one is scanned for.
    static func indexFolds(_ needle: String) -> Bool {
        needle.unicodeScalars.contains { (0xFFFD...0xFFFF).contains($0.value) }
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
