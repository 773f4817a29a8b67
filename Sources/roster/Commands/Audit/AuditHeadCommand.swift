import ArgumentParser
import Foundation
import RosterCore

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
