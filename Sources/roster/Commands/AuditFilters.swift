import ArgumentParser
import Foundation
import RosterCore

extension AuditOutcome: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// The filters `audit list` and `audit export` share; every one given must hold.
struct AuditFilterOptions: ParsableArguments {
    @Option(help: "Rows by or about this user (email or id).", completion: .custom(Completions.users)) var user: String?
    @Option(help: "Rows by this account (email or id), or by a system actor as printed (system:backup …).") var actor: String?
    @Option(help: "Rows about this user (email or id; a deleted user's email works too).") var target: String?
    @Option(help: "This action (user.create), or all under a prefix (user.* or user.).") var action: String?
    @Option(help: "success, denied or failed.") var outcome: AuditOutcome?
    @Option(help: "Rows about this organization (name or id).", completion: .custom(Completions.orgs)) var org: String?
    @Option(help: ArgumentHelp("From this time on: 2026-11-01, 2026-11-01T09:30 (your time zone) or ISO 8601 with a zone.", valueName: "time"))
    var since: String?
    @Option(help: ArgumentHelp("Before this time (same forms as --since).", valueName: "time")) var until: String?

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, AuditTime.parse(value) == nil {
                throw ValidationError("\(flag) “\(value)” is not a time; write 2026-11-01, 2026-11-01T09:30 or 2026-11-01T09:30:00Z.")
            }
        }
    }

    /// The query, with users and orgs looked up as `actor` may see them.
    func query(in roster: Roster, by actor: Actor, before: Int64? = nil, limit: Int) throws -> AuditQuery {
        func party(_ reference: String) throws -> AuditParty {
            // A deleted user's rows keep their email: an unknown email still filters by it.
            if let found = try? roster.users.find(reference, by: actor) { return .user(found.id, label: found.email.value) }
            if reference.contains("@") || reference.hasPrefix("system:") || reference.hasPrefix("key:") { return .label(reference) }
            throw RosterError.userNotFound(reference)
        }
        return AuditQuery(
            involving: try user.map { try roster.users.find($0, by: actor).id },
            actor: try self.actor.map(party), target: try target.map(party), action: action, outcome: outcome,
            org: try org.map { try roster.orgs.find($0, by: actor).id },
            since: since.flatMap(AuditTime.parse), until: until.flatMap(AuditTime.parse), before: before, limit: limit)
    }
}

/// Times as operators type them.
enum AuditTime {
    static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone.current
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}

/// One audit row for scripts.
struct AuditRowJSON: Encodable {
    var id: Int64
    var at: Date
    var actor: String
    var actorIP: String?
    var action: String
    var target: String?
    var org: String?
    var outcome: String
    var details: String

    init(_ entry: AuditEntry) {
        id = entry.id
        at = entry.at
        actor = entry.actor
        actorIP = entry.actorIP
        action = entry.action
        target = entry.target
        org = entry.org
        outcome = entry.outcome.rawValue
        details = entry.details
    }
}

struct ExportAudit: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the audit rows you may read as JSON Lines or CSV, newest first, streamed from one snapshot.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: AuditFilterOptions
    @Option(help: "jsonl (one object per row) or csv.") var format: AuditExportFormat = .jsonl
    @Option(name: .shortAndLong, help: ArgumentHelp("Write here (mode 0600; the file appears only when complete). Default: standard output.", valueName: "file"))
    var output: String?

    enum AuditExportFormat: String, CaseIterable, ExpressibleByArgument { case jsonl, csv }

    func execute() throws {
        let context = try Context(database)
        let actor = try context.actor()
        let query = try filters.query(in: context.roster, by: actor, limit: 1000)
        let file = try OutputFile(path: output)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        if format == .csv { try file.write("id,at,actor,actor_ip,action,target,org,outcome,details\n") }
        let iso = ISO8601DateFormatter()
        let count = try context.roster.audit.export(query, by: actor) { rows in
            var bytes: [UInt8] = []
            for row in rows {
                switch format {
                case .jsonl:
                    bytes += Array(Output.safeJSON(try encoder.encode(AuditRowJSON(row))).utf8)
                case .csv:
                    let cells = [String(row.id), iso.string(from: row.at), row.actor, row.actorIP ?? "", row.action, row.target ?? "",
                                 row.org ?? "", row.outcome.rawValue, row.details]
                    for (index, cell) in cells.enumerated() {
                        if index > 0 { bytes.append(UInt8(ascii: ",")) }
                        CSVField.append(UserColumns.protect(cell), to: &bytes)
                    }
                }
                bytes.append(0x0A)
            }
            try file.write(Data(bytes))
        }
        if let path = try file.commit() { Output.error("exported \(count) audit row\(count == 1 ? "" : "s") to \(path)") }
    }
}
