import ArgumentParser
import Foundation
import RosterCore

struct ApprovalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approvals",
        abstract: "Changes waiting for a second person: list, show, approve, reject.",
        discussion: """
            The setting approval.required-for names the changes a second person must approve (by default: deleting or \
            demoting an administrator, changing settings, elevating oneself, bulk actions over 100 users). Such a change \
            becomes a request (exit code 7) until someone else who may make it approves it here or on the Approvals screen.
            """,
        subcommands: [List.self, Show.self, Approve.self, Reject.self])
}

/// A request as scripts read it.
struct ApprovalJSON: Encodable {
    var id: Int64?
    var kind, summary, requestedBy, status: String
    var createdAt, expiresAt: Date
    var decidedBy: String?
    var decidedAt: Date?
    var outcome: String?

    init(_ request: ApprovalRequest, now: Date) {
        id = request.id?.rawValue
        kind = request.kind
        summary = request.summary
        requestedBy = request.requestedBy
        status = request.status(at: now)
        createdAt = request.createdAt
        expiresAt = request.expiresAt
        decidedBy = request.decidedBy
        decidedAt = request.decidedAt
        outcome = request.outcome
    }
}
