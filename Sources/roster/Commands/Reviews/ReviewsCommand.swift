import ArgumentParser
import Foundation
import RosterCore

struct ReviewsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviews",
        abstract: "Access reviews: should each member of an org still be there, with that role?",
        discussion: """
            An org's admin (or an administrator, for any org) starts a review: every member as they are. Decide keep, \
            remove or another org role for each; submit makes every change at once, or none. Reviews are kept. Each org's \
            next review is due its interval (default 90 days) after the last: `roster reviews interval ORG DAYS`.
            """,
        subcommands: [Start.self, List.self, Show.self, Decide.self, Submit.self, Interval.self])
}

/// A review's member as scripts and exports read it.
struct ReviewItemJSON: Encodable {
    var email, name, orgRole, mfa, groups: String
    var systemRole: String?
    var lastSignInAt: Date?
    var apiKeys, sshKeys: Int
    var decision: String?
    var decidedBy: String?
    var decidedAt: Date?

    init(_ item: ReviewItem) {
        email = item.email
        name = item.name
        orgRole = item.orgRole.name
        mfa = item.mfaEnabled ? "on" : "off"
        groups = item.groupNames
        systemRole = item.systemRole?.name
        lastSignInAt = item.lastSignInAt
        apiKeys = item.apiKeys
        sshKeys = item.sshKeys
        decision = item.decision
        decidedBy = item.decidedBy
        decidedAt = item.decidedAt
    }

    var row: [String] {
        [email, orgRole, systemRole ?? "", Output.time(lastSignInAt), mfa, "\(apiKeys)/\(sshKeys)", groups, decision ?? "-"]
    }

    static let columns = ["EMAIL", "ORG ROLE", "SYSTEM ROLE", "LAST SIGN-IN", "MFA", "KEYS", "GROUPS", "DECISION"]
}
