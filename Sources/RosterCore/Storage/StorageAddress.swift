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

    /// Connection options that hold secrets: refused, as a password is.
    static let secretKeywords: Set<String> = ["password", "sslpassword"]

    /// A URI (any case), or text made only of `key=value` pairs: then it is meant for
    /// PostgreSQL, and a mistake in it is reported rather than taken for a file name.
    static func looksLikePostgres(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        let lowered = trimmed.lowercased()
        if lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://") { return true }
        let words = trimmed.split(whereSeparator: \.isWhitespace)
        return !words.isEmpty && words.allSatisfy(isAssignment)
    }

    /// `keyword=…` with an ASCII keyword. Checked by hand: a regular expression costs `roster
    /// ssh authorized-keys`, which sshd runs at every connection, a tenth of its time (ICU's
    /// character sets are built on first use).
    static func isAssignment(_ word: Substring) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals > word.startIndex else { return false }
        return word[..<equals].allSatisfy { ($0.isASCII && $0.isLetter) || $0 == "_" }
    }

    /// `target_session_attrs` for this pool's connections, over the address's own: a
    /// read-only console's reads `prefer-standby`.
    var sessionAttributes: String?

    /// The same servers, for reads a standby may serve (the primary when no standby answers).
    func preferringStandby() -> PostgresAddress {
        var copy = self
        copy.sessionAttributes = "prefer-standby"
        return copy
    }

    public init(_ text: String) throws {
        try PostgresLibrary.load()
        var message: UnsafeMutablePointer<CChar>?
        guard let options = roster_PQconninfoParse(text, &message) else {
            // libpq's message may quote the address, password and all: never shown.
            if let message { roster_PQfreemem(message) }
            throw RosterError.database(.badAddress(reason: "libpq can't read it (check the URI's punctuation and percent-encoding, or the key=value pairs)"))
        }
        defer { roster_PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if Self.secretKeywords.contains(String(cString: keyword)), let value = option.pointee.val, value.pointee != 0 {
                throw RosterError.database(.passwordInAddress)
            }
            option += 1
        }
        self.text = text
    }
}
