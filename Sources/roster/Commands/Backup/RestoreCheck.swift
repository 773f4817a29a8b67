import ArgumentParser
import Foundation
import RosterCore

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
