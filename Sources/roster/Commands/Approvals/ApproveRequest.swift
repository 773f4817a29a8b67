import ArgumentParser
import RosterCore

extension ApprovalsCommand {
    struct Approve: RosterCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
            abstract: "Approve a request: its change is made now, as you, checked as you (never your own request).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The request's id from `roster approvals list`.") var id: Int64

        func execute() throws {
            let context = try Context(database)
            let request = try context.roster.approvals.approve(ApprovalID(rawValue: id), by: try context.actor())
            Output.line("Approved request \(id): \(request.outcome ?? request.summary)")
        }
    }

    struct Reject: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject a request (or withdraw your own), saying why; nothing changes.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The request's id from `roster approvals list`.") var id: Int64
        @Option(help: "Why, for the requester and the audit trail.") var reason: String

        func execute() throws {
            let context = try Context(database)
            _ = try context.roster.approvals.reject(ApprovalID(rawValue: id), reason: reason, by: try context.actor())
            Output.line("Rejected request \(id); nothing was changed.")
        }
    }
}
