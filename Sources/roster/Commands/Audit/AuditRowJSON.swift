import ArgumentParser
import Foundation
import RosterCore

/// One audit row for scripts.
struct AuditRowJSON: Encodable {
    var id: Int64
    var at: Date
    var actor: String
    var actorIP: String?
    var action: String
    var target: String?
    var org: String?
    var outcome: String
    var details: String

    init(_ entry: AuditEntry) {
        id = entry.id
        at = entry.at
        actor = entry.actor
        actorIP = entry.actorIP
        action = entry.action
        target = entry.target
        org = entry.org
        outcome = entry.outcome.rawValue
        details = entry.details
    }
}
