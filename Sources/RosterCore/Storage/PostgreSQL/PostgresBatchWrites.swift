import Foundation

/// Ids drawn for the users a bulk write will insert (`PostgresUserStore.writingMany`).
final class DrawnIDs: @unchecked Sendable {
    var ids: ArraySlice<Int64> = []

    /// The next `count` ids, or nil when fewer are left (then they are drawn as usual).
    func take(_ count: Int) -> [Int64]? {
        guard ids.count >= count else { return nil }
        defer { ids = ids.dropFirst(count) }
        return Array(ids.prefix(count))
    }
}

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
            let ids = try drawn.take(chunk.count) ?? PGRecord.drawIDs(chunk.count, for: "users", on: db)
            try namingTakenEmail {
                try PGRecord.insert(chunk, ids: ids, into: "users", extra: { [("searchtext", searchText($0))] }, on: db)
            }
            for (user, id) in zip(chunk, ids) {
                var inserted = user
                inserted.id = UserID(rawValue: id)
                users.append(inserted)
            }
        }
        return users
    }

    /// Runs `body`, which writes many users (an import), letting the connection send its
    /// writes ahead (`PGConnection.writingAhead`) with the ids of the `newUsers` it inserts
    /// drawn at once: a query for ids each batch would wait for every write sent before it.
    func writingMany<T>(newUsers: Int, _ body: () throws -> T) throws -> T {
        try deferringSearchGrams {
            drawn.ids = try PGRecord.drawIDs(newUsers, for: "users", on: db)[...]
            defer { drawn.ids = [] }
            // A taken email sent ahead fails a later statement, or the end: named all the same.
            return try namingTakenEmail { try db.writingAhead(body) }
        }
    }

    /// The unique index refusing a taken email (the caller's plan has just looked each one
    /// up), named as `insert` names it, not as a broken constraint.
    func namingTakenEmail<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PGError where error.sqlState == "23505" && error.constraint == "users_email_key" {
            throw RosterError.duplicateEmail(Self.keyValue(in: error.detail) ?? "an email in this batch")
        }
    }

    /// `x` of the server's "Key (email)=(x) already exists."
    static func keyValue(in detail: String?) -> String? {
        guard let detail, let start = detail.range(of: ")=("), let end = detail.range(of: ") already exists", options: .backwards),
              start.upperBound <= end.lowerBound else { return nil }
        return String(detail[start.upperBound..<end.lowerBound])
    }

    func find(emails: [Email]) throws -> [User] {
        var found: [User] = []
        for start in stride(from: 0, to: emails.count, by: PGRecord.rowsPerStatement) {
            let chunk = emails[start..<min(emails.count, start + PGRecord.rowsPerStatement)]
            found += try PGRecord.decode(User.self, from: db.execute("SELECT \(Self.columns) FROM users WHERE email = ANY($1::text[])",
                                                                     [PGTextArray(chunk.map(\.value))]))
        }
        return found
    }
}

extension PostgresOrgStore {
    func orgRoles(of users: [UserID]) throws -> [UserID: [OrgID: OrgRole]] {
        guard !users.isEmpty else { return [:] }
        let result = try db.execute("SELECT userId, orgId, role FROM membership WHERE userId = ANY($1::bigint[])",
                                    [PGIDArray(ids: users.map(\.rawValue))])
        var roles: [UserID: [OrgID: OrgRole]] = [:]
        for row in 0..<result.count {
            if let user = result.int64(row, 0), let org = result.int64(row, 1), let role = result.text(row, 2).flatMap(OrgRole.init(rawValue:)) {
                roles[UserID(rawValue: user), default: [:]][OrgID(rawValue: org)] = role
            }
        }
        return roles
    }

    func save(_ memberships: [Membership]) throws {
        for start in stride(from: 0, to: memberships.count, by: PGRecord.rowsPerStatement) {
            let chunk = memberships[start..<min(memberships.count, start + PGRecord.rowsPerStatement)]
            // ON CONFLICT may not meet a row its own statement wrote: a pair twice goes one by one.
            guard Set(chunk.map { [$0.userId.rawValue, $0.orgId.rawValue] }).count == chunk.count else {
                for membership in chunk { try save(membership) }
                continue
            }
            // Arrays, one per column: the same text whatever the count, so prepared once.
            try db.queue("""
                INSERT INTO membership (userId, orgId, role, createdAt)
                    SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::timestamptz[])
                ON CONFLICT (userId, orgId) DO UPDATE SET role = excluded.role, createdAt = excluded.createdAt
                """, [PGIDArray(ids: chunk.map(\.userId.rawValue)), PGIDArray(ids: chunk.map(\.orgId.rawValue)),
                      PGTextArray(chunk.map(\.role.rawValue)), PGTextArray(chunk.map { PGTime.format($0.createdAt) })])
        }
    }
}

extension PostgresCredentialStore {
    func insertResets(_ resets: [PasswordReset]) throws -> [PasswordReset] {
        try PGRecord.insertAssigningIDs(resets, into: "passwordReset", id: \.id, on: db)
    }
}

extension PostgresOutboxStore {
    func enqueue(_ messages: [OutboxMessage]) throws -> [OutboxMessage] {
        try PGRecord.insertAssigningIDs(messages, into: "outboxMessage", id: \.id, on: db)
    }
}
