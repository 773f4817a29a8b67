import ArgumentParser
import Foundation
import RosterCore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read and verify the audit trail.", subcommands: [VerifyAudit.self, AuditHeadCommand.self, ListAudit.self, ExportAudit.self])
}

struct VerifyAudit: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit chain; exit 0 when intact, 1 and the first broken row otherwise.",
        discussion: """
            Needs read access to the database file and its key file (the chain is an HMAC under a key derived from it), \
            not a sign-in, so an auditor can run it on a copy. Opens the file read-only and never upgrades it. With \
            --head ID:HASH (printed earlier by `roster audit head` and kept elsewhere) it also proves that row is still \
            there: no row up to it was removed or rewritten.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("A head recorded earlier with `roster audit head`.", valueName: "id:hash")) var head: String?

    func validate() throws {
        if let head, AuditHead(head) == nil {
            throw ValidationError("--head must be ID:HASH as `roster audit head` prints it, such as 42:3f2a…(64 hex digits).")
        }
    }

    func execute() throws {
        let path = database.resolvedPath()
        var environment = Context.environment()
        environment.secrets = { try KeyFile.load(from: KeyFile.path(forDatabase: path)) }
        let roster = Roster(database: try AppDatabase.openReadOnly(path: path), environment: environment)
        switch try roster.audit.verify(head: head.flatMap(AuditHead.init)) {
        case .intact(let rows):
            Output.line("Audit trail intact: \(rows) row(s) verified\(head.map { ", up to and including the head \($0)" } ?? "").")
        case .broken(let row, let reason, let checked):
            Output.error("audit trail broken at row \(row): \(reason). \(checked) row(s) before it verified.")
            throw ExitCode.failure
        }
    }
}

struct AuditHeadCommand: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "head",
        abstract: "Print the newest audit row as ID:HASH, to keep outside the database for `audit verify --head`.")
    @OptionGroup var database: DatabaseOptions

    func execute() throws {
        let context = try Context(database)
        guard let head = try context.roster.audit.head(by: try context.actor()) else { Output.line("The audit trail is empty."); return }
        Output.line(head.text)
    }
}

struct ListAudit: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show audit rows, newest first, a page at a time (--after continues).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: AuditFilterOptions
    @Option(help: "How many rows (1-10000).") var limit = 50
    @Option(help: ArgumentHelp("Rows older than this id (the last id of the previous page).", valueName: "id")) var after: Int64?
    @Flag(help: "Print JSON (the same as --output json).") var json = false
    @Option(help: "table (plain tab-separated text when piped), json or csv.") var output: ListFormat = .table

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000.") }
    }

    func execute() throws {
        let context = try Context(database)
        let actor = try context.actor()
        let query = try filters.query(in: context.roster, by: actor, before: after, limit: limit)
        let rows = try context.roster.audit.entries(query, by: actor)
        if rows.count == limit, let last = rows.last {
            FileHandle.standardError.write(Data("\(rows.count) rows shown. Older: --after \(last.id)\n".utf8))
        }
        if json || output == .json {
            try Output.json(rows.map(AuditRowJSON.init))
            return
        }
        if output == .csv {
            Output.csv(["ID", "TIME", "ACTOR", "IP", "ACTION", "TARGET", "ORG", "OUTCOME", "DETAILS"], rows.map {
                [String($0.id), Output.time($0.at), $0.actor, $0.actorIP ?? "", $0.action, $0.target ?? "", $0.org ?? "",
                 $0.outcome.rawValue, $0.details]
            })
            return
        }
        Output.table(["ID", "TIME", "ACTOR", "IP", "ACTION", "TARGET", "ORG", "OUTCOME", "DETAILS"], rows.map {
            [String($0.id), Output.time($0.at), $0.actor, $0.actorIP ?? "-", $0.action, $0.target ?? "-", $0.org ?? "-",
             $0.outcome.rawValue, $0.details]
        }, maxColumnWidth: 60)
    }
}
