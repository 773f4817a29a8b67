import ArgumentParser
import Foundation
import RosterCore

extension TransferFormat: ExpressibleByArgument {}

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
        for user in page { UserColumns.append(user, to: &bytes) }
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
    /// Left out for readers who may not see system roles.
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
