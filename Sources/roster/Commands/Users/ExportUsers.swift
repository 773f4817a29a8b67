import ArgumentParser
import Foundation
import RosterCore

struct ExportUsers: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write users as CSV, JSON or JSON Lines, streamed a page at a time (flat memory at any size).",
        discussion: """
            CSV has the columns `users import` reads: email,first_name,last_name,kind,role,org,org_role, one line \
            per membership (a user in no org has one line with org empty). A cell starting with = + - or @ gets a \
            leading ' so spreadsheets don't run it; import takes it off. JSON and JSON Lines hold one object per \
            user. The export reads one snapshot of the database, and is audited.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var selection: SelectionOptions
    @Option(help: "csv, json (one array) or jsonl (one object per line).") var format: TransferFormat = .csv
    @Option(help: ArgumentHelp("Sort by id (the order accounts were made in, and the fastest), name, email, role, status, created or last-sign-in; add :desc to reverse.", valueName: "column"))
    var sort = "id"
    @OptionGroup var destination: FileDestination

    func execute() throws {
        let output = destination.path(command: "users export")
        let context = try Context(database)
        let actor = try context.actor()
        let sort = try UserSort(parsing: self.sort)
        let selected = try selection.selection(in: context.roster, by: actor)
        let file = try OutputFile(path: output)
        var writer = UserExportWriter(format: format, output: file)
        try writer.begin()
        let count = try context.roster.users.export(selected, sort: sort, destination: output.flatMap { $0 == "-" ? nil : $0 }, by: actor) { page in
            try writer.write(page)
        }
        try writer.end()
        if let path = try file.commit() {
            Output.error("exported \(count) user\(count == 1 ? "" : "s") to \(path)")
        }
    }
}
