import Foundation
import GRDB

/// The keyset-paged query behind exports, filtered lists and bulk selections: the users a
/// reader can see that match a `UserSelection`, `ORDER BY <column>, id`, from a cursor on.
/// Walking a whole selection page by page reads each row once, however rare the match.
enum UserSelectionSQL {
    /// The conditions a selection puts on `user`, for the reader's visibility.
    static func conditions(_ selection: UserSelection, visibleTo visibility: UserVisibility, now: Date) -> ([String], StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if case .scoped(let orgs, let user) = visibility {
            let scope = UserListingSQL.scopeIDs(orgs: orgs, user: user)
            conditions.append("user.id IN (\(scope.sql))")
            arguments += scope.arguments
        }
        if let needle = selection.text.flatMap(SearchText.needle) {
            conditions.append("instr(user.searchText, ?) > 0")
            arguments += [needle]
        }
        // A list of ids is one JSON argument, however long (no limit on SQL variables to meet).
        if let ids = selection.ids {
            conditions.append("user.id IN (SELECT value FROM json_each(?))")
            arguments += [Self.json(ids)]
        }
        if !selection.excluding.isEmpty {
            conditions.append("user.id NOT IN (SELECT value FROM json_each(?))")
            arguments += [Self.json(selection.excluding)]
        }
        if let org = selection.org {
            conditions.append("EXISTS (SELECT 1 FROM membership WHERE membership.userId = user.id AND membership.orgId = ?)")
            arguments += [org.rawValue]
        }
        if let role = selection.role {
            conditions.append("user.systemRole = ?")
            arguments += [role.rawValue]
        }
        if let status = selection.status {
            conditions.append("user.status = ?")
            arguments += [status.rawValue]
        }
        if let kind = selection.kind {
            conditions.append("user.kind = ?")
            arguments += [kind.rawValue]
        }
        if let locked = selection.locked {
            let isLocked = "(user.lockedByAdmin OR (user.lockedUntil IS NOT NULL AND user.lockedUntil > ?))"
            conditions.append(locked ? isLocked : "NOT \(isLocked)")
            arguments += [now.stored]
        }
        if let mfa = selection.mfa {
            conditions.append("user.mfaEnabled = ?")
            arguments += [mfa]
        }
        if let days = selection.noSignInForDays {
            let cutoff = now.addingTimeInterval(-Double(days) * 86_400).stored
            conditions.append(dormant)
            arguments += [cutoff, cutoff]
        }
        return (conditions, arguments)
    }

    static func json(_ ids: [UserID]) -> String {
        "[" + ids.map { String($0.rawValue) }.joined(separator: ",") + "]"
    }

    /// Dormant before a cutoff (given twice): signed in before it, or never and created before it.
    /// Over the `lastSignInAt` index.
    static let dormant = "(user.lastSignInAt < ? OR (user.lastSignInAt IS NULL AND user.createdAt < ?))"

    /// How many users the reader can see match `selection` (a mark-all in the console).
    static func count(_ selection: UserSelection, visibleTo visibility: UserVisibility, now: Date) -> (sql: String, arguments: StatementArguments) {
        if let days = selection.noSignInForDays {
            // The dormant are two disjoint ranges, counted apart over their own indexes: an OR
            // of them makes SQLite collect and dedupe row ids (a second at a million users).
            var others = selection
            others.noSignInForDays = nil
            let (conditions, arguments) = self.conditions(others, visibleTo: visibility, now: now)
            let cutoff = now.addingTimeInterval(-Double(days) * 86_400).stored
            let and = conditions.map { " AND " + $0 }.joined()
            let signedIn = "SELECT COUNT(*) FROM user WHERE user.lastSignInAt < ?\(and)"
            let never = "SELECT COUNT(*) FROM user INDEXED BY user_neverSignedIn WHERE user.lastSignInAt IS NULL AND user.createdAt < ?\(and)"
            return ("SELECT (\(signedIn)) + (\(never))", [cutoff] + arguments + [cutoff] + arguments)
        }
        let (conditions, arguments) = self.conditions(selection, visibleTo: visibility, now: now)
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return ("SELECT COUNT(*) FROM user\(filter)", arguments)
    }

    static func select(_ selection: UserSelection, visibleTo visibility: UserVisibility, sort: UserSort,
                       after cursor: UserCursor?, limit: Int, now: Date) -> (sql: String, arguments: StatementArguments) {
        var (conditions, arguments) = self.conditions(selection, visibleTo: visibility, now: now)
        let column = UserListingSQL.expression(sort.column)
        if let cursor {
            let (clause, keysetArguments) = KeysetSQL(column: column, cursor: cursor, ascending: sort.ascending, nullable: sort.column.isNullable).condition
            conditions.append(clause)
            arguments += keysetArguments
        }
        let direction = sort.ascending ? "ASC" : "DESC"
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        arguments += [limit]
        return ("""
            SELECT \(UserListingSQL.columnsWithoutOrgs), user.firstName, user.lastName FROM user\(filter)
                ORDER BY \(column) \(direction), user.id \(direction) LIMIT ?
            """, arguments)
    }

    /// The memberships of a page of users, alphabetical by org within each user (the order the
    /// Orgs column lists them in).
    static func memberships(of users: [UserID]) -> (sql: String, arguments: StatementArguments) {
        let ids = users.isEmpty ? [-1] : users.map(\.rawValue)  // `IN ()` is not SQL; no user has id -1
        return ("""
            SELECT membership.userId, org.name, membership.role, membership.orgId FROM membership JOIN org ON org.id = membership.orgId
                WHERE membership.userId IN (\(databaseQuestionMarks(count: ids.count))) ORDER BY org.name COLLATE NOCASE
            """, StatementArguments(ids))
    }
}
