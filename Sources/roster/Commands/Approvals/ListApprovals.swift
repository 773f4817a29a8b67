import ArgumentParser
import RosterCore

extension ApprovalsCommand {
    struct List: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List requests, newest first: who asked, what, and where each stands.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Only those still waiting (not approved, rejected or expired).") var pending = false
        @OptionGroup var output: OutputOptions

        func execute() throws {
            let context = try Context(database)
            let now = context.roster.environment.now()
            let requests = try context.roster.approvals.list(openOnly: pending, by: try context.actor()).map { ApprovalJSON($0, now: now) }
            try output.print(columns: ["ID", "STATUS", "ASKED BY", "ASKED", "EXPIRES", "CHANGE"], rows: requests.map {
                [String($0.id ?? 0), $0.status, $0.requestedBy, Output.time($0.createdAt), Output.time($0.expiresAt), $0.summary]
            }, json: requests, empty: pending ? "Nothing waits for approval." : "No requests yet.")
        }
    }
}
