import GRDB

extension FetchableRecord where Self: TableRecord {
    /// The record whose `column` (the primary key, `id` unless said) holds `value`, read with a
    /// statement prepared once per connection. GRDB's `fetchOne(db, key:)` builds its SQL
    /// through the query interface on every call (the table's primary key looked up, a request
    /// compiled), and its first call in a process has the Swift runtime resolve a dozen generic
    /// request types, each a scan of every protocol conformance in the binary: a tenth of the
    /// CPU of `ssh authorized-keys`, and a cost the console paid on every key.
    static func fetchOne(_ db: Database, where column: String = "id", is value: some DatabaseValueConvertible) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM \(databaseTableName) WHERE \(column) = ?"), arguments: [value])
    }
}
