import ArgumentParser
import Foundation
import RosterCore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read and verify the audit trail.", subcommands: [VerifyAudit.self, AuditHeadCommand.self, ListAudit.self, ExportAudit.self])
}
