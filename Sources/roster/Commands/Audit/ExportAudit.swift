import ArgumentParser
import Foundation
import RosterCore

struct ExportAudit: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the audit rows you may read as JSON Lines or CSV, newest first, streamed from one snapshot.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: AuditFilterOptions
    @Option(help: "jsonl (one object per row) or csv.") var format: AuditExportFormat = .jsonl
    @OptionGroup var destination: FileDestination

    enum AuditExportFormat: String, CaseIterable, ExpressibleByArgument { case jsonl, csv }

    func execute() throws {
        let context = try Context(database)
        let actor = try context.actor()
        let query = try filters.query(in: context.roster, by: actor, limit: 1000)
        let file = try OutputFile(path: destination.path(command: "audit export"))
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
                    bytes.append(0x0A)
                case .csv:
                    CSVField.appendRow([String(row.id), iso.string(from: row.at), row.actor, row.actorIP ?? "", row.action,
                                        row.target ?? "", row.org ?? "", row.outcome.rawValue, row.details], to: &bytes)
                }
            }
            try file.write(Data(bytes))
        }
        if let path = try file.commit() { Output.error("exported \(count) audit row\(count == 1 ? "" : "s") to \(path)") }
    }
}
