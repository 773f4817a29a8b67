import Foundation

/// The users queries for PostgreSQL: keyset pages, counts and selections, in the same order
/// SQLite gives (ASCII case folded names, "C" byte order, NULL sign-ins first going up), so
/// a cursor means the same row on both backends.
extension PGQuery {
    /// The list row's columns; `u` is the users table. The orgs are left empty here and filled
    /// for the whole page at once (`PostgresUserStore.withOrgs`). `PGResult.userRows` reads
    /// them by position: change both together.
    static let rowColumns = """
        u.id, u.email, u.name, u.kind, u.systemRole, u.status, u.lockedByAdmin, u.lockedUntil, u.mfaEnabled,
            u.createdAt, u.lastSignInAt, u.version, '' AS orgs
        """

    static func expression(_ column: UserSortColumn) -> String {
        switch column {
        case .name: "u.nameKey"
        case .email: "u.email"
        case .role: "u.systemRole"
        case .status: "u.status"
        case .created: "u.createdAt"
        case .lastSignIn: "u.lastSignInAt"
        case .id: "u.id"
        }
    }

    /// `ORDER BY` for a column and direction, spelled so an index serves it. Only the last
    /// sign-in can be NULL: those sort first going up, as in SQLite (its index is built
    /// `NULLS FIRST`); other columns keep PostgreSQL's default, which their indexes match.
    /// `key` and `id` name the columns when they come from elsewhere than `users u`.
    static func order(_ column: UserSortColumn, ascending: Bool, key: String? = nil, id: String = "u.id") -> String {
        let expression = key ?? expression(column)
        let nulls = column == .lastSignIn ? (ascending ? " NULLS FIRST" : " NULLS LAST") : ""
        return ascending ? "\(expression) ASC\(nulls), \(id) ASC" : "\(expression) DESC\(nulls), \(id) DESC"
    }

    /// Only the users `visibility` includes.
    mutating func visible(to visibility: UserVisibility) {
        guard case .scoped(let orgs, let user) = visibility else { return }
        let orgList = bind(PGIDArray(ids: orgs.map(\.rawValue)))
        let me = bind(user?.rawValue ?? -1)  // no user has id -1
        // One set, not an OR: the planner joins it to users instead of testing every user.
        require("u.id IN (SELECT userId FROM membership WHERE orgId = ANY(\(orgList)::bigint[]) UNION SELECT \(me)::bigint)")
    }

    /// Name or email holds the folded filter (`SearchText`).
    mutating func matching(_ needle: String?) {
        guard let needle else { return }
        require(contains(needle, in: "u.searchText"))
    }

    /// The test that `column` holds `needle`, spelled for the index that can serve it: LIKE,
    /// which the trigram index answers, when the needle holds a trigram pg_trgm extracts
    /// (three ASCII letters or digits in a row, as the server's C locale sees words);
    /// `strpos` otherwise ("q", "sø", "王"), where a LIKE would read the whole trigram index.
    mutating func contains(_ needle: String, in column: String) -> String {
        guard Self.hasTrigram(needle) else { return "strpos(\(column), \(bind(needle))) > 0" }
        let escaped = needle.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return "\(column) LIKE \(bind("%" + escaped + "%"))"
    }

    /// The test that `column` holds `needle`, through the character index (`users_grams`,
    /// migration p3) for a needle the trigram index can't serve: the needle's characters and
    /// character pairs are all among the text's (both cut by the same SQL function, so they
    /// count characters alike), then the substring itself. Only for needles known to be rare:
    /// a common one would fetch most of the table.
    mutating func containsRare(_ needle: String, in column: String) -> String {
        guard !Self.hasTrigram(needle) else { return contains(needle, in: column) }
        let value = bind(needle)
        return "roster_grams(\(column)) @> roster_grams(\(value)) AND strpos(\(column), \(value)) > 0"
    }

    static func hasTrigram(_ needle: String) -> Bool {
        var run = 0
        for byte in needle.utf8 {
            let alphanumeric = (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
            run = alphanumeric ? run + 1 : 0
            if run >= 3 { return true }
        }
        return false
    }

    /// No sign-in since `cutoff`: signed in before it, or never and created before it.
    mutating func dormant(before cutoff: Date) {
        let mark = bind(cutoff)
        require("(u.lastSignInAt < \(mark) OR (u.lastSignInAt IS NULL AND u.createdAt < \(mark)))")
    }

    /// Rows strictly after the cursor in the direction read.
    mutating func after(_ cursor: UserCursor, column: UserSortColumn, ascending: Bool) {
        let expression = Self.expression(column)
        let id = bind(cursor.id.rawValue)
        let value: String?
        switch cursor.key {
        // The fold as a subquery, run once: once a prepared statement goes generic (its sixth
        // run) a plain call is no longer folded to a constant, and where the condition filters
        // rows rather than seeks an index (a sample) it ran for every row, 2 µs each.
        case .text(let text): value = column == .name ? "(SELECT roster_nocase(\(bind(text))))" : bind(text)
        case .integer(let number): value = bind(number)
        case .date(let date): value = bind(date)
        case .none: value = nil
        }
        // Only the last sign-in can be NULL. `OR … IS NULL` on any other column kept PostgreSQL
        // from seeking its index at all: a page read backwards deep in a million users, 0.9 s.
        switch (value, ascending) {
        case (let value?, true): require("((\(expression), u.id) > (\(value), \(id)))")
        case (let value?, false) where !column.isNullable: require("((\(expression), u.id) < (\(value), \(id)))")
        case (let value?, false): require("((\(expression), u.id) < (\(value), \(id)) OR \(expression) IS NULL)")
        case (nil, true): require("((\(expression) IS NULL AND u.id > \(id)) OR \(expression) IS NOT NULL)")
        case (nil, false): require("(\(expression) IS NULL AND u.id < \(id))")
        }
    }

    /// The conditions of a `UserSelection` (exports, filtered lists, bulk actions).
    mutating func selecting(_ selection: UserSelection, visibleTo visibility: UserVisibility, now: Date) {
        visible(to: visibility)
        matching(selection.text.flatMap(SearchText.needle))
        if let ids = selection.ids { require("u.id = ANY(\(bind(PGIDArray(ids: ids.map(\.rawValue))))::bigint[])") }
        if !selection.excluding.isEmpty {
            require("NOT (u.id = ANY(\(bind(PGIDArray(ids: selection.excluding.map(\.rawValue))))::bigint[]))")
        }
        if let org = selection.org {
            require("EXISTS (SELECT 1 FROM membership WHERE membership.userId = u.id AND membership.orgId = \(bind(org)))")
        }
        if let role = selection.role { require("u.systemRole = \(bind(role.rawValue))") }
        if let status = selection.status { require("u.status = \(bind(status.rawValue))") }
        if let kind = selection.kind { require("u.kind = \(bind(kind.rawValue))") }
        if let locked = selection.locked {
            let isLocked = "(u.lockedByAdmin OR (u.lockedUntil IS NOT NULL AND u.lockedUntil > \(bind(now))))"
            require(locked ? isLocked : "NOT \(isLocked)")
        }
        if let mfa = selection.mfa { require("u.mfaEnabled = \(bind(mfa))") }
        if let days = selection.noSignInForDays { dormant(before: now.addingTimeInterval(-Double(days) * 86_400)) }
    }
}
