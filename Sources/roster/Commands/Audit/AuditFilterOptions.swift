import ArgumentParser
import Foundation
import RosterCore

/// The filters `audit list` and `audit export` share; every one given must hold.
struct AuditFilterOptions: ParsableArguments {
    @Option(help: "Rows by or about this user (email or id).", completion: .custom(Completions.users)) var user: String?
    @Option(help: "Rows by this account (email or id), or by a system actor as printed (system:backup …).") var actor: String?
    @Option(help: "Rows about this user (email or id; a deleted user's email works too).") var target: String?
    @Option(help: "This action (user.create), or all under a prefix (user.* or user.).") var action: String?
    @Option(help: "success, denied or failed.") var outcome: AuditOutcome?
    @Option(help: "Rows about this organization (name or id).", completion: .custom(Completions.orgs)) var org: String?
    @Option(help: ArgumentHelp("From this time on: 2026-11-01, 2026-11-01T09:30 (your time zone) or ISO 8601 with a zone.", valueName: "time"))
    var since: String?
    @Option(help: ArgumentHelp("Before this time (same forms as --since).", valueName: "time")) var until: String?

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, AuditTime.parse(value) == nil {
                throw ValidationError("\(flag) “\(value)” is not a time; write 2026-11-01, 2026-11-01T09:30 or 2026-11-01T09:30:00Z.")
            }
        }
    }

    /// The query, with users and orgs looked up as `actor` may see them.
    func query(in roster: Roster, by actor: Actor, before: Int64? = nil, limit: Int) throws -> AuditQuery {
        func party(_ reference: String) throws -> AuditParty {
            // A deleted user's rows keep their email: an unknown email still filters by it.
            if let found = try? roster.users.find(reference, by: actor) { return .user(found.id, label: found.email.value) }
            if reference.contains("@") || reference.hasPrefix("system:") || reference.hasPrefix("key:") { return .label(reference) }
            throw RosterError.userNotFound(reference)
        }
        return AuditQuery(
            involving: try user.map { try roster.users.find($0, by: actor).id },
            actor: try self.actor.map(party), target: try target.map(party), action: action, outcome: outcome,
            org: try org.map { try roster.orgs.find($0, by: actor).id },
            since: since.flatMap(AuditTime.parse), until: until.flatMap(AuditTime.parse), before: before, limit: limit)
    }
}
