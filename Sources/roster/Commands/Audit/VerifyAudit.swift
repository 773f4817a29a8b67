import ArgumentParser
import Foundation
import RosterCore

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
        let address = try database.resolvedAddress()
        let keyFile = DatabaseOptions.keyFile(for: address)
        var environment = Context.environment()
        environment.secrets = { try KeyFile.load(from: keyFile) }
        let roster = Roster(stores: try Storage.openReadOnly(address, secrets: environment.secrets), environment: environment)
        switch try roster.audit.verify(head: head.flatMap(AuditHead.init)) {
        case .intact(let rows):
            Output.line("Audit trail intact: \(rows) row(s) verified\(head.map { ", up to and including the head \($0)" } ?? "").")
            if let upgrade = try roster.audit.chainUpgrade() {
                Output.line("The keyed chain began at row \(upgrade.id), \(Output.time(upgrade.at)), vouching for the \(upgrade.id - 1) row(s) "
                    + "of the older chain before it. If this database was upgraded well before then, the older rows were replaced.")
            }
        case .broken(let row, let reason, let checked):
            Output.error("audit trail broken at row \(row): \(reason). \(checked) row(s) before it verified.")
            throw ExitCode.failure
        }
    }
}
