import ArgumentParser
import Foundation
import RosterCore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read and verify the audit trail.", subcommands: [VerifyAudit.self, AuditHeadCommand.self, ListAudit.self])
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
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Show recent audit rows, newest first.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only rows about this user (email or id).") var user: String?
    @Option(help: "How many rows.") var limit = 50
    @Flag(help: "Print JSON.") var json = false

    func execute() throws {
        let context = try Context(database)
        let actor = try context.actor()
        let target = try user.map { try context.roster.users.find($0, by: actor).id }
        let rows = try context.roster.audit.recent(limit: max(1, min(limit, 10_000)), about: target, by: actor)
        if json {
            struct Row: Encodable {
                var id: Int64; var at: Date; var actor: String; var actorIP: String?; var action: String
                var target: String?; var org: String?; var outcome: String; var details: String
            }
            try Output.json(rows.map { Row(id: $0.id, at: $0.at, actor: $0.actor, actorIP: $0.actorIP, action: $0.action,
                                           target: $0.target, org: $0.org, outcome: $0.outcome.rawValue, details: $0.details) })
            return
        }
        Output.table(["ID", "TIME", "ACTOR", "IP", "ACTION", "TARGET", "ORG", "OUTCOME", "DETAILS"], rows.map {
            [String($0.id), Output.time($0.at), $0.actor, $0.actorIP ?? "-", $0.action, $0.target ?? "-", $0.org ?? "-",
             $0.outcome.rawValue, $0.details]
        }, maxColumnWidth: 60)
    }
}
