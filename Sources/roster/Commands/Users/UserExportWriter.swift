import ArgumentParser
import Foundation
import RosterCore

/// The formats `users export` writes and `users import` reads.
enum TransferFormat: String, CaseIterable, ExpressibleByArgument {
    case csv, json, jsonl
}

/// The CSV columns of an export, which an import reads back (roles spelled as the CLI spells them).
enum UserColumns {
    static let header = ["email", "first_name", "last_name", "kind", "role", "org", "org_role"]
    static let required = ["email", "first_name", "last_name"]

    /// Spreadsheets run a cell that starts with = + - or @ as a formula (CSV injection); such a
    /// value is written with a leading apostrophe, which an import takes off again.
    static func protect(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }

    static func unprotect(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard scalars.count > 1, scalars.first == "'", let second = scalars.dropFirst().first,
              "=+-@".unicodeScalars.contains(second) else { return value }
        return String(value.dropFirst())
    }
}

/// RFC 4180 quoting for the export's hot path. CSV.swift reads every import and writes the
/// short `--output csv` lists; its writer searches each value five times through Foundation
/// and writes one byte at a time, about 40 s of a million-user export (BENCHMARKS.md), so
/// the export quotes here: a value holding a comma, a quote or a line break is put in
/// quotes, with its quotes doubled, which is all RFC 4180 asks.
enum CSVField {
    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == comma || byte == quote || byte == lineFeed || byte == carriageReturn
    }

    /// One record: the cells protected from spreadsheet formulas, quoted as needed, a line feed after.
    static func appendRow(_ cells: [String], to bytes: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(comma) }
            append(UserColumns.protect(cell), to: &bytes)
        }
        bytes.append(lineFeed)
    }

    static func append(_ value: String, to bytes: inout [UInt8]) {
        let utf8 = value.utf8
        let needsQuotes = utf8.contains(where: isSpecial)
        guard needsQuotes else { bytes.append(contentsOf: utf8); return }
        bytes.append(quote)
        for byte in utf8 {
            if byte == quote { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(quote)
    }
}

/// Writes exported users page by page: CSV (one line per membership, or one with no org),
/// a JSON array, or JSON Lines (one object per user).
struct UserExportWriter {
    let format: TransferFormat
    let output: OutputFile
    private var written = 0

    init(format: TransferFormat, output: OutputFile) {
        self.format = format
        self.output = output
    }

    func begin() throws {
        switch format {
        case .csv: try output.write(UserColumns.header.joined(separator: ",") + "\n")
        case .json: try output.write("[")
        case .jsonl: break
        }
    }

    mutating func write(_ page: [ExportedUser]) throws {
        switch format {
        case .csv: try writeCSV(page)
        case .json, .jsonl: try writeJSON(page)
        }
        written += page.count
    }

    func end() throws {
        if format == .json { try output.write(written == 0 ? "]\n" : "\n]\n") }
    }

    private func writeCSV(_ page: [ExportedUser]) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(page.count * 96)
        for user in page {
            let person = [user.row.email.value, user.firstName, user.lastName, user.row.kind.name, user.row.systemRole?.name ?? ""]
            let lines = user.memberships.isEmpty ? [["", ""]] : user.memberships.map { [$0.org, $0.role.name] }
            for line in lines { CSVField.appendRow(person + line, to: &bytes) }
        }
        try output.write(Data(bytes))
    }

    private func writeJSON(_ page: [ExportedUser]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let now = Date()
        for (index, user) in page.enumerated() {
            let text = Output.safeJSON(try encoder.encode(ExportedUserJSON(user, now: now)))
            switch format {
            case .json: try output.write((written + index == 0 ? "\n" : ",\n") + text)
            default: try output.write(text + "\n")
            }
        }
    }
}

/// One exported user in JSON: the list's fields plus first and last name and the org roles
/// (`users import` reads `email`, `firstName`, `lastName`, `kind`, `role` and `memberships`).
struct ExportedUserJSON: Encodable {
    var id: Int64
    var email: String
    var firstName: String
    var lastName: String
    var kind: String
    /// Left out for readers who may not see system roles (seed 003).
    var role: String?
    var status: String
    var locked: Bool
    var mfa: Bool
    var memberships: [UserDetailJSON.Membership]
    var createdAt: Date
    var lastSignInAt: Date?
    var version: Int

    init(_ user: ExportedUser, now: Date) {
        let row = UserJSON(user.row, now: now)
        id = row.id
        email = row.email
        firstName = user.firstName
        lastName = user.lastName
        kind = row.kind
        role = row.role
        status = row.status
        locked = row.locked
        mfa = row.mfa
        memberships = user.memberships.map { UserDetailJSON.Membership(org: $0.org, role: $0.role.name) }
        createdAt = row.createdAt
        lastSignInAt = row.lastSignInAt
        version = row.version
    }
}
