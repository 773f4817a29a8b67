import ArgumentParser
import RosterCore

extension ApprovalsCommand {
    struct Show: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one request: the change, who asked, when it expires, how it was settled.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The request's id from `roster approvals list`.") var id: Int64
        @Flag(help: "Print the request as JSON.") var json = false

        func execute() throws {
            let context = try Context(database)
            let now = context.roster.environment.now()
            let request = ApprovalJSON(try context.roster.approvals.show(ApprovalID(rawValue: id), by: try context.actor()), now: now)
            if json { return try Output.json(request) }
            let fields: [(String, String)?] = [
                ("ID", String(id)), ("Change", request.summary), ("Kind", request.kind), ("Status", request.status),
                ("Asked by", request.requestedBy), ("Asked", Output.time(request.createdAt)), ("Expires", Output.time(request.expiresAt)),
                request.decidedBy.map { ("Settled by", $0) }, request.decidedAt.map { ("Settled", Output.time($0)) },
                request.outcome.map { ("Outcome", $0) },
            ]
            for case let (label, value)? in fields { Output.line(label.padding(toLength: 12, withPad: " ", startingAt: 0) + value) }
        }
    }
}
