import Foundation

/// `UserStore` over PostgreSQL.
struct PostgresUserStore: UserStore {
    let db: PGConnection
    /// How far a filter walks the sort order before finding every match first.
    var plan = FilterPlan()
    /// Whole-directory counts per filter, kept while `userOrder.version` stands still.
    var counts: UserCountCache?
    /// A filter's matches in name order, kept for its next keystroke.
    var kept: KeptMatches?
    /// A sample of the users in name order, asked in memory by the filter's plan.
    var nameSample: NameSample?
    /// Ids drawn ahead for an import's new users (`writingMany`).
    let drawn = DrawnIDs()

    static let columns = """
        id, email, firstName, lastName, kind, systemRole, status, lockedByAdmin, lockedUntil, failedSignIns, passwordHash,
            passwordChangeRequired, mfaEnrollmentRequired, mfaEnabled, termsAcceptanceRequired, termsAcceptedAt, timeZone,
            logOutAfterMinutes, createdAt, lastSignInAt, version
        """

    func find(_ id: UserID) throws -> User? {
        try PGRecord.decodeFirst(User.self, from: db.execute("SELECT \(Self.columns) FROM users WHERE id = $1", [id]))
    }

    func find(email: Email) throws -> User? {
        try PGRecord.decodeFirst(User.self, from: db.execute("SELECT \(Self.columns) FROM users WHERE email = $1", [email]))
    }

    func insert(_ draft: User) throws -> User {
        if try find(email: draft.email) != nil { throw RosterError.duplicateEmail(draft.email.value) }
        var user = draft
        user.version = 1
        let id = try PGRecord.insert(user, into: "users", omitting: ["id"], extra: [("searchtext", searchText(user))],
                                     on: db, returningID: true)
        user.id = UserID(rawValue: id ?? 0)
        return user
    }

    func update(_ user: User, expectedVersion: Int) throws -> User {
        // Writes hold the write lock (PostgresStores), so nobody slips in between check and write.
        guard let stored = try db.execute("SELECT version FROM users WHERE id = $1", [user.id]).int(0, 0) else {
            throw RosterError.userNotFound(user.email.value)
        }
        guard stored == expectedVersion else { throw RosterError.changedBySomeoneElse("User \(user.email.value)") }
        var updated = user
        updated.version = expectedVersion + 1
        try PGRecord.update(updated, in: "users", key: "id", extra: [("searchtext", searchText(updated))], on: db)
        return updated
    }

    func searchText(_ user: User) -> String {
        SearchText.of(name: user.fullName, email: user.email.value)
    }

    func delete(_ id: UserID) throws {
        try db.execute("DELETE FROM users WHERE id = $1", [id])
    }

    func countActiveAdministrators() throws -> Int {
        try db.execute("SELECT count(*) FROM users WHERE systemRole = $1 AND status = 'active'",
                       [SystemRole.administrator.rawValue]).int(0, 0) ?? 0
    }

    func count(matching filter: String?, visibleTo visibility: UserVisibility, limit: Int?) throws -> Int {
        if case .scoped(let orgs, let user) = visibility {
            return try scopedCount(orgs: orgs, user: user, needle: filter.flatMap(SearchText.needle))
        }
        let needle = filter.flatMap(SearchText.needle)
        func compute() throws -> Int {
            if let needle, let users = try PostgresSearchGrams.count(needle, db) { return SearchGrams.capped(users, limit: limit) }
            if let needle, let users = try PostgresSearchDomains.count(needle, limit: limit, db) { return users }
            var query = PGQuery()
            if let needle, try isRareWithoutTrigram(needle) {
                let condition = query.containsRare(needle, in: "u.searchText")
                query.require(condition)
            } else {
                query.matching(needle)
            }
            let cap = limit.map { " LIMIT \(query.bind($0 + 1))" } ?? ""
            return try db.execute("SELECT count(*) FROM (SELECT 1 FROM users u\(query.whereClause)\(cap)) AS matched",
                                  query.parameters).int(0, 0) ?? 0
        }
        guard let counts else { return try compute() }
        return try counts.count(UserCountCache.key(needle: needle, limit: limit), at: orderVersion(), compute: compute)
    }

    /// A filter of four or more characters without a trigram the trigram index holds ("søre",
    /// "王小明"), that at most a tenth of the users may hold: counted through the character
    /// index (18,828 holders of "søre": 30–41 ms) rather than by reading every user (130 ms).
    private func isRareWithoutTrigram(_ needle: String) throws -> Bool {
        guard !PGQuery.hasTrigram(needle), let rarest = try PostgresSearchGrams.rarest(needle, db) else { return false }
        return rarest.holders * 10 <= rarest.users
    }

    /// `userOrder.version` as this transaction sees it (migration p9).
    func orderVersion() throws -> Int64 {
        try db.execute("SELECT version FROM userOrder WHERE id = 1").int64(0, 0) ?? 0
    }

    func page(_ query: UserQuery, visibleTo visibility: UserVisibility) throws -> UserPage {
        let backwards: Bool = switch query.position {
        case .first, .after: false
        case .before, .last: true
        }
        let ascending = query.sort.ascending != backwards
        let needle = query.filter.flatMap(SearchText.needle)
        var rows: [UserRow]
        if case .scoped(let orgs, let user) = visibility {
            rows = try scopedPage(query, orgs: orgs, user: user, needle: needle, ascending: ascending)
        } else if let needle {
            rows = try filtered(query, needle: needle, ascending: ascending)
        } else if let cursor = query.position.cursor, query.sort.column.isNullable {
            rows = try pageInParts(query, after: cursor, ascending: ascending)
        } else {
            rows = try withOrgs(pageQuery(query, needle: needle, visibleTo: visibility, ascending: ascending).userRows())
        }
        let more = rows.count > query.limit
        if more { rows.removeLast() }
        switch query.position {
        case .first: return UserPage(rows: rows, hasMoreBefore: false, hasMoreAfter: more)
        case .after: return UserPage(rows: rows, hasMoreBefore: true, hasMoreAfter: more)
        case .before: return UserPage(rows: rows.reversed(), hasMoreBefore: more, hasMoreAfter: true)
        case .last: return UserPage(rows: rows.reversed(), hasMoreBefore: more, hasMoreAfter: false)
        }
    }

    /// The page's rows, `limit + 1` of them at most, straight from the sort order's index.
    private func pageQuery(_ query: UserQuery, needle: String?, visibleTo visibility: UserVisibility, ascending: Bool) throws -> PGResult {
        var sql = PGQuery()
        sql.visible(to: visibility)
        sql.matching(needle)
        if let cutoff = query.signInCutoff { sql.dormant(before: cutoff) }
        switch query.position {
        case .after(let cursor), .before(let cursor): sql.after(cursor, column: query.sort.column, ascending: ascending)
        case .first, .last: break
        }
        return try db.execute("""
            SELECT \(PGQuery.rowColumns) FROM users u\(sql.whereClause)
                ORDER BY \(PGQuery.order(query.sort.column, ascending: ascending)) LIMIT \(sql.bind(query.limit + 1))
            """, sql.parameters)
    }

    /// A page of the last sign-in's order past a cursor, as parts that each seek the index:
    /// across the NULLs' edge one condition needs an OR (`… OR lastSignInAt IS NULL`), which
    /// PostgreSQL answers by reading every row on that side (0.4–0.5 s deep in a million).
    /// The parts, in reading order: past the cursor on its own side, then the other side.
    /// Each part reads whole rows straight from the index, and the next is asked only for
    /// what the one before left short: most pages are one query, as in any other order.
    /// (Gathering both parts' ids, sorting them, then reading the rows took three round trips
    /// and a lookup per row: 10-11 ms per 1,000 rows against 6-7 in creation order.)
    private func pageInParts(_ query: UserQuery, after cursor: UserCursor, ascending: Bool) throws -> [UserRow] {
        let column = PGQuery.expression(query.sort.column)
        let byKey = PGQuery.order(query.sort.column, ascending: ascending)
        let byId = "u.id \(ascending ? "ASC" : "DESC")"
        let after = ascending ? ">" : "<"
        /// Each part's condition and order, given its query to bind the cursor into.
        var parts: [(condition: (inout PGQuery) -> String, order: String)] = []
        switch cursor.key {
        case .date(let date):
            parts.append(({ sql in "(\(column), u.id) \(after) (\(sql.bind(date)), \(sql.bind(cursor.id.rawValue)))" }, byKey))
            if !ascending { parts.append(({ _ in "\(column) IS NULL" }, byId)) }
        case .none:
            parts.append(({ sql in "\(column) IS NULL AND u.id \(after) \(sql.bind(cursor.id.rawValue))" }, byId))
            if ascending { parts.append(({ _ in "\(column) IS NOT NULL" }, byKey)) }
        case .text, .integer:
            // Not a last sign-in's cursor: the one condition reads it as any other.
            return try withOrgs(pageQuery(query, needle: nil, visibleTo: .everyone, ascending: ascending).userRows())
        }
        var rows: [UserRow] = []
        for part in parts where rows.count <= query.limit {
            var sql = PGQuery()
            if let cutoff = query.signInCutoff { sql.dormant(before: cutoff) }
            sql.require(part.condition(&sql))
            rows += try db.execute("""
                SELECT \(PGQuery.rowColumns) FROM users u\(sql.whereClause)
                    ORDER BY \(part.order) LIMIT \(sql.bind(query.limit + 1 - rows.count))
                """, sql.parameters).userRows()
        }
        return try withOrgs(rows)
    }

    func rows(_ ids: [UserID], sort: UserSort) throws -> [UserRow] {
        try withOrgs(rowsWithoutOrgs(ids, sort: sort))
    }

    /// The rows with their orgs left empty: enough for a cursor.
    func rowsWithoutOrgs(_ ids: [UserID], sort: UserSort) throws -> [UserRow] {
        try db.execute("""
            SELECT \(PGQuery.rowColumns) FROM users u WHERE u.id = ANY($1::bigint[])
                ORDER BY \(PGQuery.order(sort.column, ascending: sort.ascending))
            """, [PGIDArray(ids: ids.map(\.rawValue))]).userRows()
    }

    /// Each row with its orgs' names, in case-folded order, comma separated: one read of the
    /// page's memberships, not an aggregate per row (8 of a 1,000-row page's 11 ms).
    func withOrgs(_ rows: [UserRow]) throws -> [UserRow] {
        guard !rows.isEmpty else { return rows }
        let names = try orgNames(of: rows.map(\.id.rawValue))
        return rows.map { row in
            var row = row
            row.orgs = OrgNameOrder.column(names[row.id.rawValue] ?? [])
            return row
        }
    }

    /// The names of each user's orgs.
    private func orgNames(of users: [Int64]) throws -> [Int64: [String]] {
        let result = try db.execute("""
            SELECT m.userId, o.name FROM membership m JOIN org o ON o.id = m.orgId WHERE m.userId = ANY($1::bigint[])
            """, [PGIDArray(ids: users)])
        var names: [Int64: [String]] = [:]
        for row in 0..<result.count {
            guard let user = result.int64(row, 0), let name = result.text(row, 1) else { continue }
            names[user, default: []].append(name)
        }
        return names
    }

    func count(_ selection: UserSelection, visibleTo visibility: UserVisibility, now: Date) throws -> Int {
        var query = PGQuery()
        query.selecting(selection, visibleTo: visibility, now: now)
        return try db.execute("SELECT count(*) FROM users u\(query.whereClause)", query.parameters).int(0, 0) ?? 0
    }

    func avatar(of user: UserID) throws -> Avatar? {
        // The image itself stays on the server: the drawer needs its size and preview only.
        let result = try db.execute("""
            SELECT format, width, height, length(image), previewWidth, previewHeight, preview, setAt, setBy FROM avatar WHERE userId = $1
            """, [user])
        guard result.count == 1, let format = result.text(0, 0).flatMap(AvatarFormat.init(rawValue:)),
              let width = result.int(0, 1), let height = result.int(0, 2), let bytes = result.int(0, 3),
              let previewWidth = result.int(0, 4), let previewHeight = result.int(0, 5),
              let previewHex = result.text(0, 6), previewHex.hasPrefix("\\x"), let preview = Data(hexString: String(previewHex.dropFirst(2))),
              let image = AvatarPreview(width: previewWidth, height: previewHeight, rgba: [UInt8](preview)),
              let setAt = result.date(0, 7), let setBy = result.text(0, 8) else { return nil }
        return Avatar(userId: user, format: format, width: width, height: height, byteCount: bytes, preview: image, setAt: setAt, setBy: setBy)
    }

    func saveAvatar(_ image: AvatarImage, for user: UserID, at: Date, by: String) throws {
        try db.execute("""
            INSERT INTO avatar (userId, format, width, height, image, previewWidth, previewHeight, preview, setAt, setBy)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (userId) DO UPDATE SET format = excluded.format, width = excluded.width, height = excluded.height,
                image = excluded.image, previewWidth = excluded.previewWidth, previewHeight = excluded.previewHeight,
                preview = excluded.preview, setAt = excluded.setAt, setBy = excluded.setBy
            """, [user, image.format.rawValue, image.width, image.height, image.data, image.preview.width, image.preview.height,
                  Data(image.preview.rgba), at, by])
    }

    func deleteAvatar(of user: UserID) throws -> Bool {
        try db.execute("DELETE FROM avatar WHERE userId = $1", [user]).affectedRows > 0
    }

    /// Many users at once with COPY into session-private staging tables, then one statement
    /// each into `users` and `membership` (the demo's million people).
    func bulkInsert(_ batch: [BulkUser]) throws {
        try db.execute("""
            CREATE TEMP TABLE IF NOT EXISTS bulkUser (ord bigint, email text, firstName text, lastName text, kind text,
                systemRole integer, status text, lockedByAdmin boolean, mfaEnabled boolean, createdAt timestamptz,
                lastSignInAt timestamptz, searchText text) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS bulkMembership (email text, orgId bigint, role text, createdAt timestamptz) ON COMMIT DELETE ROWS
            """)
        var users = PGCopy()
        var memberships = PGCopy()
        for (index, user) in batch.enumerated() {
            users.row([String(index), user.email, user.firstName, user.lastName, user.kind.rawValue, String(user.systemRole.rawValue),
                       user.status.rawValue, user.lockedByAdmin.pgText, user.mfaEnabled.pgText, user.createdAt.pgText,
                       user.lastSignInAt?.pgText, SearchText.of(name: user.firstName + " " + user.lastName, email: user.email)])
            for membership in user.memberships {
                memberships.row([user.email, String(membership.org.rawValue), membership.role.rawValue, user.createdAt.pgText])
            }
        }
        try db.copy("COPY bulkUser FROM STDIN", data: users.text)
        try db.copy("COPY bulkMembership FROM STDIN", data: memberships.text)
        _ = try deferringSearchGrams { try db.execute("""
            INSERT INTO users (email, firstName, lastName, kind, systemRole, status, lockedByAdmin, failedSignIns,
                passwordChangeRequired, mfaEnrollmentRequired, mfaEnabled, termsAcceptanceRequired, createdAt, lastSignInAt,
                version, searchText)
            SELECT email, firstName, lastName, kind, systemRole, status, lockedByAdmin, 0, false, false, mfaEnabled, false,
                createdAt, lastSignInAt, 1, searchText FROM bulkUser ORDER BY ord;
            INSERT INTO membership (userId, orgId, role, createdAt, userNameKey, userSearch)
            SELECT u.id, m.orgId, m.role, m.createdAt, u.nameKey, u.searchText FROM bulkMembership m JOIN users u ON u.email = m.email
            ON CONFLICT DO NOTHING
            """) }
    }

    func deferringSearchGrams<T>(_ body: () throws -> T) throws -> T {
        try PostgresSearchGrams.deferred(db, body)
    }
}
