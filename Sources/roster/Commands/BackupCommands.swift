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

struct RestoreCheck: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore-check",
        abstract: "Prove a backup opens and verifies: integrity check and audit chain; exit 1 if not.",
        discussion: """
            Changes nothing. A file made by `roster backup` is opened read-only with PATH.key beside it; to restore, \
            stop Roster and copy both files into place. A PostgreSQL address (a database restored from pg_dump, or a \
            standby) is read in one read-only snapshot with the key file every host uses (ROSTER_KEY_FILE, else \
            $XDG_DATA_HOME/roster/postgres.key): every table is read and the audit chain walked.
            """)

    @Argument(help: ArgumentHelp("A backup made by `roster backup`, or a PostgreSQL address.", valueName: "path")) var path: String

    func execute() throws {
        let check: BackupCheck
        if case .postgres(let address) = try StorageAddress.parse(path) {
            let keyFile = DatabaseOptions.keyFile(for: .postgres(address))
            _ = try KeyFile.load(from: keyFile)  // a missing or unsafe key file is its own clear error, before the walk
            let stores = try Storage.openReadOnly(.postgres(address), secrets: { try KeyFile.load(from: keyFile) })
            check = try stores.inspect(path: address.text)
        } else {
            check = try Backup.check(path)
        }
        let summary = "\(check.users) users, \(check.orgs) orgs, schema \(check.schema)"
        guard check.isSound else {
            Output.error("\(check.path) is NOT a sound backup: integrity \(check.integrity); \(Self.describe(check.audit)). \(summary).")
            throw ExitCode.failure
        }
        Output.line("\(check.path) is a sound backup: integrity ok, \(Self.describe(check.audit)); \(summary).")
    }

    static func describe(_ audit: AuditVerification) -> String {
        switch audit {
        case .intact(let rows): "audit trail intact (\(rows) rows)"
        case .broken(let row, let reason, _): "audit trail broken at row \(row): \(reason)"
        }
    }
}
