import Foundation

// Reads and writes of many rows at once, which an import makes: one call per table for a
// thousand users rather than one per user. Each does what the single write does, row after row, in order;
// these defaults do exactly that, and SQLite keeps them (a statement there is a function
// call, not a round trip). PostgreSQL sends a thousand rows a statement (PGRecord+Many),
// and inside `writingMany` sends each statement without waiting for the last one's answer.

extension UserStore {
    public func insert(_ drafts: [User]) throws -> [User] { try drafts.map(insert) }

    /// SQLite has no server to overlap with: each write is done when its call returns.
    public func writingMany<T>(newUsers: Int, _ body: () throws -> T) throws -> T { try deferringSearchGrams(body) }

    public func find(emails: [Email]) throws -> [User] { try emails.compactMap { try find(email: $0) } }

    public func each(_ selection: UserSelection, visibleTo visibility: UserVisibility, sort: UserSort, pageSize: Int, now: Date,
                     _ page: ([ExportedUser]) throws -> Void) throws {
        var cursor: UserCursor?
        while true {
            let users = try select(selection, visibleTo: visibility, sort: sort, after: cursor, limit: pageSize, now: now)
            guard let last = users.last else { return }
            try page(users)
            if users.count < pageSize { return }
            cursor = UserCursor(row: last.row, column: sort.column)
        }
    }
}

extension OrgStore {
    public func save(_ memberships: [Membership]) throws { for membership in memberships { try save(membership) } }

    public func orgRoles(of users: [UserID]) throws -> [UserID: [OrgID: OrgRole]] {
        var roles: [UserID: [OrgID: OrgRole]] = [:]
        for user in users {
            let held = try orgRoles(of: user)
            if !held.isEmpty { roles[user] = held }
        }
        return roles
    }
}

extension AuditStore {
    public func append(_ events: [AuditEvent], by actor: Actor, at: Date) throws -> [AuditEntry] {
        try events.map { try append($0, by: actor, at: at) }
    }
}

extension CredentialStore {
    public func insertResets(_ resets: [PasswordReset]) throws -> [PasswordReset] { try resets.map(insertReset) }
}

extension OutboxStore {
    public func enqueue(_ messages: [OutboxMessage]) throws -> [OutboxMessage] { try messages.map(enqueue) }
}
