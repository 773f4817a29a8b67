/// Org names in the order the Orgs column lists them on both backends: ASCII letters folded,
/// then byte by byte, as SQLite's `NOCASE` and PostgreSQL's `roster_nocase` under the "C"
/// collation sort them. Worked out here rather than by the database: on PostgreSQL an
/// `ORDER BY roster_nocase(o.name)` over a 1,000-user page's memberships folded every row's
/// name again, 6 of the page's 8 ms; SQLite rows carry only their org ids. No two orgs share
/// a folded name (names are unique without case on both).
enum OrgNameOrder {
    /// Whether `first` sorts before `second`. Bytes, not Swift's `String` equality, which
    /// takes "Café" composed and decomposed for one name where the server sees two.
    static func precedes(_ first: String, _ second: String) -> Bool {
        first.utf8.lazy.map(fold).lexicographicallyPrecedes(second.utf8.lazy.map(fold))
    }

    /// The Orgs column for a user in these orgs: their names in this order, comma-separated.
    static func column(_ names: [String]) -> String {
        names.sorted(by: precedes).joined(separator: ", ")
    }

    private static func fold(_ byte: UInt8) -> UInt8 {
        (65...90).contains(byte) ? byte + 32 : byte
    }
}
