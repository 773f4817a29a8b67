import GRDB

extension UserListingSQL {
    /// Rows of `columns` as the users table shows them: each row's org ids named, in the
    /// order the Orgs column always listed them (`OrgNameOrder`). The page's orgs are read in
    /// one query, so a name is always the org's name now, however recently it was renamed.
    static func rows(_ found: [Row], in db: Database) throws -> [UserRow] {
        var rows = found.map(row)
        let ids = rows.map { orgIDs($0.orgs) }
        let wanted = Set(ids.joined())
        var names: [Int64: String] = [:]
        if !wanted.isEmpty {
            // Past a few hundred orgs on one page, all of them: fewer arguments than orgs.
            let named = wanted.count > 500
                ? try Row.fetchAll(db, sql: "SELECT id, name FROM org")
                : try Row.fetchAll(db, sql: "SELECT id, name FROM org WHERE id IN (\(databaseQuestionMarks(count: wanted.count)))",
                                   arguments: StatementArguments(Array(wanted)))
            for org in named { names[org[0]] = org[1] }
        }
        for index in rows.indices {
            rows[index].orgs = ids[index].compactMap { names[$0] }.sorted(by: OrgNameOrder.precedes).joined(separator: ", ")
        }
        return rows
    }

    /// The ids in a row's `orgIds` ("3,17"); none for ''.
    static func orgIDs(_ text: String) -> [Int64] {
        text.split(separator: ",").compactMap { Int64($0) }
    }
}
