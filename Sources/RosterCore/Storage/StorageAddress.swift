import CLibpq
import Foundation

/// Where Roster's data lives, as an operator names it (`--db`, `ROSTER_DB`): a file path is an
/// SQLite database; `postgresql://…`, `postgres://…` or libpq's `key=value` form is a
/// PostgreSQL database.
public enum StorageAddress: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file, by absolute path.
    case file(String)
    /// A PostgreSQL database, as a libpq connection string (never holding a password).
    case postgres(PostgresAddress)

    /// Reads an address. A password inside a PostgreSQL address is refused: it would show in
    /// `ps`, in shell history and in the ssh forced command.
    public static func parse(_ text: String) throws -> StorageAddress {
        if PostgresAddress.looksLikePostgres(text) { return .postgres(try PostgresAddress(text)) }
        return .file(text)
    }

    /// How messages and the sessions file name the database.
    public var description: String {
        switch self {
        case .file(let path): path
        case .postgres(let address): address.text
        }
    }

    /// The SQLite file's path; nil for PostgreSQL.
    public var filePath: String? {
        if case .file(let path) = self { return path }
        return nil
    }
}

/// A PostgreSQL connection string, checked by libpq's own parser.
public struct PostgresAddress: Sendable, Equatable {
    /// As given: a URI or `key=value` pairs, handed to libpq unchanged.
    public let text: String

    /// libpq's keywords that may start a `key=value` address.
    static let keywords: Set<String> = [
        "host", "hostaddr", "port", "dbname", "user", "passfile", "service", "sslmode", "sslrootcert", "sslcert",
        "sslkey", "connect_timeout", "target_session_attrs", "application_name", "options", "gssencmode",
        "keepalives", "load_balance_hosts", "channel_binding", "require_auth", "password",
    ]

    static func looksLikePostgres(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("postgresql://") || trimmed.hasPrefix("postgres://") { return true }
        guard let equals = trimmed.firstIndex(of: "=") else { return false }
        let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
        return keywords.contains(key)
    }

    public init(_ text: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(text, &message) else {
            let reason = message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "libpq can't read it"
            if let message { PQfreemem(message) }
            throw RosterError.database(.badAddress(reason: reason))
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val, value.pointee != 0 {
                throw RosterError.database(.passwordInAddress)
            }
            option += 1
        }
        self.text = text
    }
}
