import Foundation

/// `ElevationStore` over PostgreSQL.
struct PostgresElevationStore: ElevationStore {
    let db: PGConnection

    static let columns = "id, userId, systemRole, orgId, reason, grantedAt, grantedBy, endsAt, closedAt, endedBy"

    func insert(_ draft: Elevation) throws -> Elevation {
        var copy = draft
        copy.id = try PGRecord.insert(draft, into: "elevation", omitting: ["id"], on: db, returningID: true).map(ElevationID.init)
        return copy
    }

    func find(_ id: ElevationID) throws -> Elevation? {
        try PGRecord.decodeFirst(Elevation.self, from: db.execute("SELECT \(Self.columns) FROM elevation WHERE id = $1", [id]))
    }

    func open(for user: UserID) throws -> [Elevation] {
        try PGRecord.decode(Elevation.self, from: db.execute(
            "SELECT \(Self.columns) FROM elevation WHERE userId = $1 AND closedAt IS NULL ORDER BY id", [user]))
    }

    func lapsed(at now: Date) throws -> [Elevation] {
        try PGRecord.decode(Elevation.self, from: db.execute(
            "SELECT \(Self.columns) FROM elevation WHERE closedAt IS NULL AND endsAt <= $1 ORDER BY endsAt, id", [now]))
    }

    func activeUsers(at now: Date) throws -> Set<UserID> {
        let result = try db.execute("SELECT DISTINCT userId FROM elevation WHERE closedAt IS NULL AND endsAt > $1", [now])
        return Set((0..<result.count).compactMap { result.int64($0, 0).map(UserID.init) })
    }

    func list(user: UserID?, activeAt: Date?, limit: Int) throws -> [Elevation] {
        var conditions: [String] = []
        var parameters: [any PGParameter] = []
        if let user { parameters.append(user); conditions.append("userId = $\(parameters.count)") }
        if let activeAt { parameters.append(activeAt); conditions.append("closedAt IS NULL AND endsAt > $\(parameters.count)") }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        parameters.append(limit)
        return try PGRecord.decode(Elevation.self, from: db.execute(
            "SELECT \(Self.columns) FROM elevation \(whereClause) ORDER BY id DESC LIMIT $\(parameters.count)", parameters))
    }

    func close(_ id: ElevationID, at: Date, endedBy: String?) throws {
        try db.execute("UPDATE elevation SET closedAt = $1, endedBy = $2 WHERE id = $3 AND closedAt IS NULL", [at, endedBy, id])
    }
}
