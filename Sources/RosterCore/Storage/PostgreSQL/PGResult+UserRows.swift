import Foundation

extension PGResult {
    /// The rows of a query that selects `PGQuery.rowColumns` first, read by position. The
    /// generic record decoder looked every column up by name on every row, built each value
    /// through Codable and validated each email again: most of reading a 1,000-row page.
    func userRows() throws -> [UserRow] {
        try (0..<count).map { row in
            guard let id = int64(row, 0), let email = text(row, 1), let name = text(row, 2),
                  let kind = text(row, 3).flatMap(AccountKind.init(rawValue:)),
                  let status = text(row, 5).flatMap(AccountStatus.init(rawValue:)),
                  let createdAt = date(row, 9), let version = int64(row, 11) else {
                throw RosterError.database(.other("a users row that can't be read (row \(row))"))
            }
            return UserRow(id: UserID(rawValue: id), email: Email(stored: email), name: name, kind: kind,
                           systemRole: int64(row, 4).flatMap { SystemRole(rawValue: Int($0)) }, status: status,
                           lockedByAdmin: bool(row, 6) ?? false, lockedUntil: date(row, 7), mfaEnabled: bool(row, 8) ?? false,
                           orgs: text(row, 12) ?? "", createdAt: createdAt, lastSignInAt: date(row, 10), version: Int(version),
                           elevatedUntil: nil)
        }
    }
}
