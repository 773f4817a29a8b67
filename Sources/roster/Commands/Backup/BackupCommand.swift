import ArgumentParser
import Foundation
import RosterCore

struct BackupCommand: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database and its key file, consistent at one instant, while Roster keeps running.",
        discussion: """
            Uses SQLite's online backup API: other consoles and commands carry on. The copy and PATH.key are \
            private (0600), verified (SQLite integrity check and the audit chain) before they appear under \
            their names, and never half-written: an interrupted backup leaves no PATH. PATH must not exist. \
            Keep the key file as safe as the database: it unseals MFA secrets and signs the audit trail. \
            The backup is recorded in the audit trail.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Where to write the copy (its key file goes to PATH.key).", valueName: "path")) var path: String

    func execute() throws {
        let context = try Context(database)
        let check = try context.roster.backup(to: path)
        Output.line("Backed up to \(check.path) (and \(KeyFile.path(forDatabase: check.path))): \(check.users) users, "
            + "\(check.orgs) orgs, schema \(check.schema); integrity ok, \(RestoreCheck.describe(check.audit)).")
    }
}
