import Foundation

// Many rows a statement (see BatchWrites): an import of 100,000 users waited for the server
// once per row per table, and PostgreSQL ran every statement's triggers and plan again.

extension PostgresUserStore {
    func insert(_ drafts: [User]) throws -> [User] {
        var users: [User] = []
        users.reserveCapacity(drafts.count)
        for start in stride(from: 0, to: drafts.count, by: PGRecord.rowsPerStatement) {
            let chunk = drafts[start..<min(drafts.count, start + PGRecord.rowsPerStatement)].map { draft in
                var user = draft
                user.version = 1
                return user
            }
            // As `insert` does: a taken email is refused by name, not as a broken constraint.
            if let taken = try find(emails: chunk.map(\.email)).first { throw RosterError.duplicateEmail(taken.email.value) }
            let ids = try PGRecord.insertAssigningIDs(chunk, into: "users", extra: { [("searchtext", searchText($0))] }, on: db)
            for (user, id) in zip(chunk, ids) {
                var inserted = user
                inserted.id = UserID(rawValue: id)
                users.append(inserted)
            }
        }
        return users
    }

    func find(emails: [Email]) throws -> [User] {
        var found: [User] = []
        for start in stride(from: 0, to: emails.count, by: PGRecord.rowsPerStatement) {
            let chunk = emails[start..<min(emails.count, start + PGRecord.rowsPerStatement)]
            let marks = (1...chunk.count).map { "$\($0)" }.joined(separator: ", ")
            found += try PGRecord.decode(User.self, from: db.execute("SELECT \(Self.columns) FROM users WHERE email IN (\(marks))",
                                                                     Array(chunk)))
        }
        return found
    }
}

extension PostgresOrgStore {
    func save(_ memberships: [Membership]) throws {
        for start in stride(from: 0, to: memberships.count, by: PGRecord.rowsPerStatement) {
            let chunk = memberships[start..<min(memberships.count, start + PGRecord.rowsPerStatement)]
            // ON CONFLICT may not meet a row its own statement wrote: a pair twice goes one by one.
            guard Set(chunk.map { [$0.userId.rawValue, $0.orgId.rawValue] }).count == chunk.count else {
                for membership in chunk { try save(membership) }
                continue
            }
            var parameters: [any PGParameter] = []
            let rows = chunk.map { membership in
                let first = parameters.count + 1
                parameters += [membership.userId, membership.orgId, membership.role.rawValue, membership.createdAt]
                return "($\(first), $\(first + 1), $\(first + 2), $\(first + 3))"
            }
            try db.execute("""
                INSERT INTO membership (userId, orgId, role, createdAt) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (userId, orgId) DO UPDATE SET role = excluded.role, createdAt = excluded.createdAt
                """, parameters)
        }
    }
}

extension PostgresCredentialStore {
    func insertResets(_ resets: [PasswordReset]) throws -> [PasswordReset] {
        let ids = try PGRecord.insertAssigningIDs(resets, into: "passwordReset", on: db)
        return zip(resets, ids).map { reset, id in
            var inserted = reset
            inserted.id = id
            return inserted
        }
    }
}

extension PostgresOutboxStore {
    func enqueue(_ messages: [OutboxMessage]) throws -> [OutboxMessage] {
        let ids = try PGRecord.insertAssigningIDs(messages, into: "outboxMessage", on: db)
        return zip(messages, ids).map { message, id in
            var queued = message
            queued.id = id
            return queued
        }
    }
}
