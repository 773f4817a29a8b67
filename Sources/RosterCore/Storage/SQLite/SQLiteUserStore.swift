import Foundation
import GRDB

/// `UserStore` over SQLite.
struct SQLiteUserStore: UserStore {
    let db: Database
    var nameOrder: NameOrder?
    var refreshNameOrder: @Sendable () -> Void = {}
    var counts: UserCountCache?

    func find(_ id: UserID) throws -> User? {
        try User.fetchOne(db, is: id.rawValue)
    }

    func find(email: Email) throws -> User? {
        // Prepared once per connection: imports ask this for every line.
        try User.fetchOne(db, where: "email", is: email.value)
    }

    func insert(_ draft: User) throws -> User {
        // The unique index answers "is this email taken?" as it inserts; asking first cost an
        // import a second lookup a user.
        do {
            try insertRow(draft)
        } catch let error as DatabaseError
                    where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE && error.message?.hasSuffix("user.email") == true {
            throw RosterError.duplicateEmail(draft.email.value)
        }
        var user = draft
        user.id = UserID(rawValue: db.lastInsertedRowID)
        user.version = 1
        return user
    }

    private func insertRow(_ draft: User) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO user (email, firstName, lastName, kind, systemRole, status, lockedByAdmin, lockedUntil,
                    failedSignIns, passwordHash, passwordChangeRequired, mfaEnrollmentRequired, mfaEnabled,
                    termsAcceptanceRequired, termsAcceptedAt, timeZone, logOutAfterMinutes, createdAt, lastSignInAt, version,
                    searchText)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
                """
        ).execute(arguments: [
                draft.email, draft.firstName, draft.lastName, draft.kind.rawValue, draft.systemRole.rawValue,
                draft.status.rawValue, draft.lockedByAdmin, draft.lockedUntil.map(StoredDate.init), draft.failedSignIns, draft.passwordHash,
                draft.passwordChangeRequired, draft.mfaEnrollmentRequired, draft.mfaEnabled,
                draft.termsAcceptanceRequired, draft.termsAcceptedAt.map(StoredDate.init), draft.timeZone, draft.logOutAfterMinutes,
                StoredDate(draft.createdAt), draft.lastSignInAt.map(StoredDate.init), SearchText.of(name: draft.fullName, email: draft.email.value),
            ])
    }

    func update(_ user: User, expectedVersion: Int) throws -> User {
        // Runs inside a BEGIN IMMEDIATE transaction, so nobody can slip in between check and write.
        guard let stored = try Int.fetchOne(db, sql: "SELECT version FROM user WHERE id = ?", arguments: [user.id]) else {
            throw RosterError.userNotFound(user.email.value)
        }
        guard stored == expectedVersion else {
            throw RosterError.changedBySomeoneElse("User \(user.email.value)")
        }
        var updated = user
        updated.version = expectedVersion + 1
        try updated.update(db)
        // Only a new name changes it; the trigger re-indexes the row only then.
        let searchText = SearchText.of(name: updated.fullName, email: updated.email.value)
        try db.execute(sql: "UPDATE user SET searchText = ? WHERE id = ? AND searchText IS NOT ?",
                       arguments: [searchText, updated.id, searchText])
        return updated
    }

    func deferringSearchGrams<T>(_ body: () throws -> T) throws -> T {
        try SQLiteSearchGrams.deferred(db, body)
    }

    func delete(_ id: UserID) throws {
        try db.execute(sql: "DELETE FROM user WHERE id = ?", arguments: [id])
    }

    /// A scoped reader's scope, with whether they belong to it themselves.
    private func scope(orgs: [OrgID], user: UserID?) throws -> ScopedListingSQL.Scope {
        guard let user, !orgs.isEmpty else { return ScopedListingSQL.Scope(orgs: orgs, user: user, userIsMember: false) }
        let member = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM membership WHERE userId = ? AND orgId IN (\(databaseQuestionMarks(count: orgs.count))))",
                                       arguments: [user.rawValue] + StatementArguments(orgs.map(\.rawValue))) ?? false
        return ScopedListingSQL.Scope(orgs: orgs, user: user, userIsMember: member)
    }

    func countActiveAdministrators() throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM user WHERE systemRole = ? AND status = 'active'",
            arguments: [SystemRole.administrator.rawValue]) ?? 0
    }

    func count(matching filter: String?, visibleTo visibility: UserVisibility, limit: Int?) throws -> Int {
        let needle = filter.flatMap(SearchText.needle)
        if case .scoped(let orgs, let user) = visibility {
            let statement = ScopedListingSQL.count(scope: try scope(orgs: orgs, user: user), needle: needle)
            return try Int.fetchOne(db, sql: statement.sql, arguments: statement.arguments) ?? 0
        }
        func compute() throws -> Int {
            if let needle, let users = try SQLiteSearchGrams.count(needle, db) { return SearchGrams.capped(users, limit: limit) }
            if let needle { return try UserFilterSearch(db: db, nameOrder: nameOrder).count(needle: needle, limit: limit) }
            // Counting every user reads every page of the smallest index (about 20 ms of CPU at
            // a million users, on every console's opening); a status line asks for no more
            // than `limit`.
            if let limit {
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM user LIMIT ?)", arguments: [limit + 1]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user") ?? 0
        }
        guard let counts else { return try compute() }
        return try counts.count(UserCountCache.key(needle: needle, limit: limit), at: NameOrder.version(db), compute: compute)
    }

    func page(_ query: UserQuery, visibleTo visibility: UserVisibility) throws -> UserPage {
        let found: [Row]
        let needle = query.filter.flatMap(SearchText.needle)
        if query.signInCutoff != nil {
            // Dormant users: the sort index walked with the condition (or the lastSignInAt
            // index, sorted by last sign-in); the trigram search can't add a date condition.
            let source: UserListingSQL.Source = if case .scoped(let orgs, let user) = visibility {
                .scope(orgs: orgs, user: user, needle: needle)
            } else {
                .table(needle: needle)
            }
            let statement = UserListingSQL.select(query, from: source)
            found = try Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments)
        } else if case .scoped(let orgs, let user) = visibility, query.sort.column == .name {
            let ids = ScopedListingSQL.pageIDs(query, scope: try scope(orgs: orgs, user: user), needle: needle)
            let statement = UserListingSQL.select(query, from: .ids(try Int64.fetchAll(db, sql: ids.sql, arguments: ids.arguments)))
            found = try Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments)
        } else if case .scoped(let orgs, let user) = visibility {
            // Other sort orders read every member's row and sort them (about 20 ms for ten
            // thousand members at a million users); the name order has its own index.
            let statement = UserListingSQL.select(query, from: .scope(orgs: orgs, user: user, needle: needle))
            found = try Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments)
        } else if let needle {
            let search = UserFilterSearch(db: db, nameOrder: nameOrder, refreshNameOrder: refreshNameOrder)
            found = try search.page(query, needle: needle)
        } else {
            let statement = UserListingSQL.select(query, from: .table(needle: nil))
            found = try Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments)
        }
        var rows = try UserListingSQL.rows(found, in: db)
        let more = rows.count > query.limit
        if more { rows.removeLast() }
        switch query.position {
        case .first:
            return UserPage(rows: rows, hasMoreBefore: false, hasMoreAfter: more)
        case .after:
            return UserPage(rows: rows, hasMoreBefore: true, hasMoreAfter: more)
        case .before:
            return UserPage(rows: rows.reversed(), hasMoreBefore: more, hasMoreAfter: true)
        case .last:
            return UserPage(rows: rows.reversed(), hasMoreBefore: more, hasMoreAfter: false)
        }
    }
}
