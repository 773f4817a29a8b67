import ArgumentParser
import Foundation
import RosterCore

struct ListAudit: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show audit rows, newest first, a page at a time (--after continues).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: AuditFilterOptions
    @Option(help: "How many rows (1-10000).") var limit = 50
    @Option(help: ArgumentHelp("Rows older than this id (the last id of the previous page).", valueName: "id")) var after: Int64?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000.") }
    }

    func execute() throws {
        let context = try Context(database)
        let actor = try context.actor()
        let query = try filters.query(in: context.roster, by: actor, before: after, limit: limit)
        let rows = try context.roster.audit.entries(query, by: actor)
        if rows.count == limit, let last = rows.last {
            CommandEnvironment.current.write("\(rows.count) rows shown. Older: --after \(last.id)\n", to: .error)
        }
        let columns = ["ID", "TIME", "ACTOR", "IP", "ACTION", "TARGET", "ORG", "OUTCOME", "DETAILS"]
        // CSV keeps empty fields empty; the table marks them with a dash.
        let blank = output.format == .csv ? "" : "-"
        try output.print(columns: columns, rows: rows.map {
            [String($0.id), Output.time($0.at), $0.actor, $0.actorIP ?? blank, $0.action, $0.target ?? blank, $0.org ?? blank,
             $0.outcome.rawValue, $0.details]
        }, json: rows.map(AuditRowJSON.init), maxColumnWidth: 60)
    }
}
