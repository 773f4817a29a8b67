import Foundation

/// The CSV columns of an export, which an import reads back (roles spelled as the CLI spells them).
public enum UserColumns {
    public static let header = ["email", "first_name", "last_name", "kind", "role", "org", "org_role"]
    public static let required = ["email", "first_name", "last_name"]

    /// Spreadsheets run a cell that starts with = + - or @ as a formula (CSV injection; OWASP
    /// adds tab and carriage return); such a value is written with a leading apostrophe, which
    /// an import takes off again.
    static let formulaStarts = "=+-@\t\r".unicodeScalars

    public static func protect(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else { return value }
        return "'" + value
    }

    public static func unprotect(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard scalars.count > 1, scalars.first == "'", let second = scalars.dropFirst().first,
              formulaStarts.contains(second) else { return value }
        return String(value.dropFirst())
    }
}

/// RFC 4180 quoting for the export's hot path. CSV.swift reads every import and writes the
/// short `--output csv` lists; its writer searches each value five times through Foundation
/// and writes one byte at a time, about 40 s of a million-user export (BENCHMARKS.md), so
/// the exports quote here: a value holding a comma, a quote or a line break is put in
/// quotes, with its quotes doubled, which is all RFC 4180 asks.
public enum CSVField {
    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == comma || byte == quote || byte == lineFeed || byte == carriageReturn
    }

    /// One record: the cells protected from spreadsheet formulas, quoted as needed, a line feed after.
    public static func appendRow(_ cells: [String], to bytes: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(comma) }
            append(UserColumns.protect(cell), to: &bytes)
        }
        bytes.append(lineFeed)
    }

    public static func append(_ value: String, to bytes: inout [UInt8]) {
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

extension UserColumns {
    /// One user's lines: one per membership, or one with the org empty.
    public static func append(_ user: ExportedUser, to bytes: inout [UInt8]) {
        let person = [user.row.email.value, user.firstName, user.lastName, user.row.kind.name, user.row.systemRole?.name ?? ""]
        let lines = user.memberships.isEmpty ? [["", ""]] : user.memberships.map { [$0.org, $0.role.name] }
        for line in lines { CSVField.appendRow(person + line, to: &bytes) }
    }
}
