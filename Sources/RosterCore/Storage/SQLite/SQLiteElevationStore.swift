import Foundation
import GRDB

/// `ElevationStore` over SQLite.
struct SQLiteElevationStore: ElevationStore {
    let db: Database

    func insert(_ draft: Elevation) throws -> Elevation {
        var copy = draft
        copy.id = nil
        try copy.insert(db)
        return copy
    }

    func find(_ id: ElevationID) throws -> Elevation? {
        try Elevation.fetchOne(db, is: id.rawValue)
    }

    func open(for user: UserID) throws -> [Elevation] {
        // Prepared once per connection: every actor re-read asks it.
        try Elevation.fetchAll(db.cachedStatement(sql: "SELECT * FROM elevation WHERE userId = ? AND closedAt IS NULL ORDER BY id"),
                               arguments: [user])
    }

    func lapsed(at now: Date) throws -> [Elevation] {
        try Elevation.fetchAll(db, sql: "SELECT * FROM elevation WHERE closedAt IS NULL AND endsAt <= ? ORDER BY endsAt, id",
                               arguments: [now.stored])
    }

    func activeUsers(at now: Date) throws -> Set<UserID> {
        // `>=`: times are stored to the millisecond, rounded, so an elevation ending within half a
        // millisecond after `now` compares equal here; it is still in force (Elevation.isActive).
        Set(try UserID.fetchAll(db, sql: "SELECT DISTINCT userId FROM elevation WHERE closedAt IS NULL AND endsAt >= ?", arguments: [now.stored]))
    }

    func list(user: UserID?, activeAt: Date?, limit: Int) throws -> [Elevation] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let user { conditions.append("userId = ?"); arguments += [user] }
        if let activeAt { conditions.append("closedAt IS NULL AND endsAt > ?"); arguments += [activeAt.stored] }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [limit]
        return try Elevation.fetchAll(db, sql: "SELECT * FROM elevation \(whereClause) ORDER BY id DESC LIMIT ?", arguments: arguments)
    }

    func close(_ id: ElevationID, at: Date, endedBy: String?) throws {
        try db.execute(sql: "UPDATE elevation SET closedAt = ?, endedBy = ? WHERE id = ? AND closedAt IS NULL",
                       arguments: [at.stored, endedBy, id])
    }
}
