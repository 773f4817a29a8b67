import ArgumentParser
import Foundation
import RosterCore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read and verify the audit trail.", subcommands: [VerifyAudit.self, ListAudit.self])
}

struct VerifyAudit: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit hash chain; exit 0 when intact, 1 and the first broken row otherwise.",
        discussion: "Needs only read access to the database file, not a sign-in, so an auditor can run it on a copy.")

    @OptionGroup var database: DatabaseOptions

    func execute() throws {
        let context = try Context(database)
        switch try context.roster.audit.verify() {
        case .intact(let rows):
            Output.line("Audit trail intact: \(rows) row(s) verified.")
        case .broken(let row, let reason, let checked):
            Output.error("audit trail broken at row \(row): \(reason). \(checked) row(s) before it verified.")
            throw ExitCode.failure
        }
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
