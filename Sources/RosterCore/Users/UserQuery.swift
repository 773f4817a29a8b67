import Foundation

/// The columns the users list can be sorted by.
public enum UserSortColumn: String, CaseIterable, Sendable, Codable {
    case name, email, role, status, created, lastSignIn = "last-sign-in"
    /// The order accounts were made in, which is also the table's own: the fastest way
    /// through every user (exports). Not one of the console's columns.
    case id

    public var title: String {
        switch self {
        case .name: "Name"
        case .email: "Email"
        case .role: "Role"
        case .status: "Status"
        case .created: "Created"
        case .lastSignIn: "Last sign-in"
        case .id: "ID"
        }
    }

    public init(name: String) throws {
        let key = name.lowercased().replacingOccurrences(of: "_", with: "-")
        if let column = UserSortColumn(rawValue: key) { self = column; return }
        switch key {
        case "lastsignin", "last-signin", "signin": self = .lastSignIn
        case "created-at", "createdat": self = .created
        default:
            throw RosterError.unknownValue(kind: "sort column", value: name, allowed: UserSortColumn.allCases.map(\.rawValue))
        }
    }

    /// Some users have no value here (never signed in); they sort first, ascending.
    public var isNullable: Bool { self == .lastSignIn }

    /// The next column in the order `s` cycles through in the console.
    public var next: UserSortColumn {
        let all = UserSortColumn.allCases.filter { $0 != .id }
        let index = all.firstIndex(of: self) ?? all.startIndex
        return all[(index + 1) % all.count]
    }
}

/// A sort order: a column and a direction; ties are broken by id.
public struct UserSort: Sendable, Equatable, Codable {
    public var column: UserSortColumn
    public var ascending: Bool

    public init(_ column: UserSortColumn = .name, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }

    /// Parses "name", "-created", "email:desc".
    public init(parsing text: String) throws {
        var spec = text
        var ascending = true
        if spec.hasPrefix("-") { ascending = false; spec.removeFirst() }
        if spec.hasPrefix("+") { spec.removeFirst() }
        if let colon = spec.lastIndex(of: ":") {
            let dir = spec[spec.index(after: colon)...].lowercased()
            spec = String(spec[..<colon])
            switch dir {
            case "asc": ascending = true
            case "desc": ascending = false
            default: throw RosterError.unknownValue(kind: "sort direction", value: dir, allowed: ["asc", "desc"])
            }
        }
        self.init(try UserSortColumn(name: spec), ascending: ascending)
    }
}

/// A position in a sorted list: the sort value of a row and its id.
public struct UserCursor: Sendable, Equatable, Codable {
    public enum Key: Sendable, Equatable, Codable {
        case text(String)
        case integer(Int64)
        case date(Date)
        case none
    }

    public var key: Key
    public var id: UserID

    public init(key: Key, id: UserID) {
        self.key = key
        self.id = id
    }

    /// The cursor just at `row` for the given sort column.
    public init(row: UserRow, column: UserSortColumn) {
        let key: Key = switch column {
        case .name: .text(row.name)
        case .email: .text(row.email.value)
        case .role: row.systemRole.map { .integer(Int64($0.rawValue)) } ?? .none
        case .status: .text(row.status.rawValue)
        case .created: .date(row.createdAt)
        case .lastSignIn: row.lastSignInAt.map(Key.date) ?? .none
        case .id: .integer(row.id.rawValue)
        }
        self.init(key: key, id: row.id)
    }
}

/// Which slice of the sorted list to read.
public enum UserPagePosition: Sendable, Equatable {
    /// From the top.
    case first
    /// The rows just after this one, in sort order.
    case after(UserCursor)
    /// The rows just before this one, in sort order (returned in sort order).
    case before(UserCursor)
    /// The bottom of the list (returned in sort order).
    case last

    /// The row the page is read from, if any.
    public var cursor: UserCursor? {
        switch self {
        case .after(let cursor), .before(let cursor): cursor
        case .first, .last: nil
        }
    }
}

/// A keyset-paginated read of the users list.
public struct UserQuery: Sendable, Equatable {
    /// Substring matched against name and email, case-insensitive.
    public var filter: String?
    public var sort: UserSort
    public var position: UserPagePosition
    public var limit: Int
    /// Only dormant users: no sign-in for this many days (never signed in: created before then).
    public var noSignInForDays: Int?
    /// `noSignInForDays` as a date, set by the service from its clock.
    var signInCutoff: Date?

    public init(filter: String? = nil, sort: UserSort = UserSort(), position: UserPagePosition = .first, limit: Int = 50,
                noSignInForDays: Int? = nil) {
        let trimmed = filter?.trimmingCharacters(in: .whitespaces)
        self.filter = (trimmed?.isEmpty ?? true) ? nil : trimmed
        self.sort = sort
        self.position = position
        self.limit = max(1, min(limit, 1000))
        self.noSignInForDays = noSignInForDays
    }
}

/// One row of the users list: what the table and `users list` show.
public struct UserRow: Sendable, Equatable, Codable, Identifiable {
    public var id: UserID
    public var email: Email
    public var name: String
    public var kind: AccountKind
    /// Nil for readers who may not see system roles.
    public var systemRole: SystemRole?
    public var status: AccountStatus
    public var lockedByAdmin: Bool
    public var lockedUntil: Date?
    public var mfaEnabled: Bool
    /// Org names, comma-separated, alphabetical.
    public var orgs: String
    public var createdAt: Date
    public var lastSignInAt: Date?
    public var version: Int
    /// When the elevation in force ends (the latest, if several), for readers who may see it;
    /// set by the service after the page is read, never by a store.
    public var elevatedUntil: Date?
}

/// A page of rows plus whether more lie beyond it in each direction.
public struct UserPage: Sendable, Equatable {
    public var rows: [UserRow]
    public var hasMoreBefore: Bool
    public var hasMoreAfter: Bool

    public init(rows: [UserRow], hasMoreBefore: Bool, hasMoreAfter: Bool) {
        self.rows = rows
        self.hasMoreBefore = hasMoreBefore
        self.hasMoreAfter = hasMoreAfter
    }

    /// Blanks the system role of every row, for readers who may not see it.
    mutating func hideSystemRoles() {
        for index in rows.indices { rows[index].systemRole = nil }
    }
}
