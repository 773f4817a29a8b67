import ArgumentParser
import Foundation
import RosterCore

struct ImportUsers: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create and update users, memberships and org roles from CSV, JSON or JSON Lines; all or nothing.",
        discussion: """
            CSV columns (header first, as `users export` writes): email,first_name,last_name,kind,role,org,org_role. \
            Only email, first_name and last_name are required; a user in several orgs takes one line per org. \
            Users are matched by email (ignoring case), so running a file again changes nothing; a user who \
            exists with other values changes only with --update. An import never removes users or memberships.

            Every line is checked first, as you (policy applies per line). If any line is bad, each bad line \
            is listed with its number and reason and nothing is written. New users get a link to set their \
            password through the mail outbox (`roster mail deliver`), or nothing with --no-invite; no password \
            is ever printed.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The file, or - for standard input (the only choice over SSH).", valueName: "file"))
    var file: String
    @Option(help: "csv, json or jsonl. Default: from the file name (.json, .jsonl), else csv.") var format: TransferFormat?
    @Flag(help: "Check everything and print what would change; write nothing.") var dryRun = false
    @Flag(help: "Change users that exist with other names, role or org roles (else such a line is an error).") var update = false
    @Flag(inversion: .prefixedNo, help: "Mail new users a link to set their password.") var invite = true
    @Flag(help: "JSON: {\"dryRun\", \"created\", \"updated\", \"unchanged\", \"invited\", \"users\": [...]}.") var json = false

    var resolvedFormat: TransferFormat {
        if let format { return format }
        if file.hasSuffix(".jsonl") || file.hasSuffix(".ndjson") { return .jsonl }
        return file.hasSuffix(".json") ? .json : .csv
    }

    func execute() throws {
        let data = try InputFile.data(file, limit: ImportFileReader.maximumBytes, what: "import file")
        let context = try Context(database)
        let actor = try context.actor()
        let options = ImportOptions(update: update, invite: invite, dryRun: dryRun)
        let report: ImportReport
        do {
            var records: [ImportRecord] = []
            var unreadable: [ImportProblem] = []
            do {
                records = try ImportFileReader.records(data, format: resolvedFormat)
            } catch let error as ImportFileReader.Unreadable {
                // The lines that could be read are checked too, so one run lists every bad line.
                (records, unreadable) = (error.records, error.problems)
            }
            report = try context.roster.importer.run(consume records, options: options, alsoBad: unreadable, by: actor)
        } catch let rejected as ImportRejected {
            throw reject(rejected)
        }
        try show(report)
    }

    private var unit: String { resolvedFormat == .json ? "entry" : "line" }

    /// Every bad line on standard error (or in JSON), then exit 3 for refusals only, else 1.
    private func reject(_ rejected: ImportRejected) -> ExitCode {
        if json {
            struct Problem: Encodable { var line: Int; var reason: String; var denied: Bool }
            struct Body: Encodable { var imported = false; var total: Int; var problems: [Problem] }
            try? Output.json(Body(total: rejected.total, problems: rejected.problems.map { Problem(line: $0.line, reason: $0.reason, denied: $0.denied) }))
        }
        for problem in rejected.problems { Output.error("\(unit) \(problem.line): \(problem.reason)") }
        if rejected.total > rejected.problems.count {
            Output.error("… and \(rejected.total - rejected.problems.count) more.")
        }
        Output.error(rejected.message)
        return rejected.allDenied ? ExitCode(3) : .failure
    }

    private func show(_ report: ImportReport) throws {
        if json {
            struct Entry: Encodable { var line: Int; var email: String; var change: String; var fields: [String]? }
            struct Body: Encodable { var dryRun: Bool; var created: Int; var updated: Int; var unchanged: Int; var invited: Int; var users: [Entry] }
            try Output.json(Body(dryRun: report.dryRun, created: report.created, updated: report.updated, unchanged: report.unchanged,
                                 invited: report.invited, users: report.entries.map { entry in
                switch entry.change {
                case .create: Entry(line: entry.line, email: entry.email, change: "create")
                case .update(let fields): Entry(line: entry.line, email: entry.email, change: "update", fields: fields)
                case .unchanged: Entry(line: entry.line, email: entry.email, change: "unchanged")
                }
            }))
            return
        }
        if report.dryRun {
            for entry in report.entries {
                switch entry.change {
                case .create: Output.line("\(unit) \(entry.line): create \(entry.email)")
                case .update(let fields): Output.line("\(unit) \(entry.line): update \(entry.email) (\(fields.joined(separator: ", ")))")
                case .unchanged: continue
                }
            }
            Output.line("Dry run: \(report.created) to create, \(report.updated) to update, \(report.unchanged) unchanged. Nothing was written.")
            return
        }
        let invited = report.invited > 0 ? " (\(report.invited) invited: run `roster mail deliver`)" : ""
        Output.line("Imported: \(report.created) created\(invited), \(report.updated) updated, \(report.unchanged) unchanged.")
    }
}
