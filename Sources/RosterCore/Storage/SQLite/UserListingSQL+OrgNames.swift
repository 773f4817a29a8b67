import GRDB

extension UserListingSQL {
    /// Rows of `columns` as the users table shows them: each row's org ids named, in the
    /// order the Orgs column always listed them (`OrgNameOrder`). The page's orgs are read in
    /// one query, so a name is always the org's name now, however recently it was renamed.
    /// Each distinct set of ids is named once: most of a page's users share a few sets.
    static func rows(_ found: [Row], in db: Database) throws -> [UserRow] {
        var rows = found.map(row)
        var sets: [String: [Int64]] = [:]
        for row in rows where !row.orgs.isEmpty && sets[row.orgs] == nil { sets[row.orgs] = orgIDs(row.orgs) }
        guard !sets.isEmpty else { return rows }
        let wanted = Set(sets.values.joined())
        // Past a few hundred orgs on one page, all of them: fewer arguments than orgs.
        let named = wanted.count > 500
            ? try Row.fetchAll(db, sql: "SELECT id, name FROM org")
            : try Row.fetchAll(db, sql: "SELECT id, name FROM org WHERE id IN (\(databaseQuestionMarks(count: wanted.count)))",
                               arguments: StatementArguments(Array(wanted)))
        var names: [Int64: String] = [:]
        for org in named { names[org[0]] = org[1] }
        let shown = sets.mapValues { OrgNameOrder.column($0.compactMap { names[$0] }) }
        for index in rows.indices where !rows[index].orgs.isEmpty {
            rows[index].orgs = shown[rows[index].orgs] ?? ""
        }
        return rows
    }

    /// The ids in a row's `orgIds` ("3,17"); none for ''.
    static func orgIDs(_ text: String) -> [Int64] {
        text.split(separator: ",").compactMap { Int64($0) }
    }
}
