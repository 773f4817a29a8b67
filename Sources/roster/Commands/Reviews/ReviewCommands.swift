import ArgumentParser
import Foundation
import RosterCore

extension ReviewsCommand {
    struct Start: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start a review of an org: every member as they are now.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The org (name or id).", completion: .custom(Completions.orgs)) var org: String

        func execute() throws {
            let context = try Context(database)
            let actor = try context.actor()
            let sheet = try context.roster.reviews.start(try context.roster.orgs.find(org, by: actor).id, by: actor)
            let id = sheet.review.id?.rawValue ?? 0
            Output.line("Review #\(id) of \(sheet.review.orgName): \(sheet.items.count) member(s). Decide each with "
                + "`roster reviews decide \(id) USER keep|remove|member|org-admin|read-only`, then `roster reviews submit \(id)`.")
        }
    }

    struct List: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List reviews, newest first: org, who started and submitted them, when.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this org's (name or id).", completion: .custom(Completions.orgs)) var org: String?
        @OptionGroup var output: OutputOptions

        struct ReviewJSON: Encodable {
            var id: Int64?
            var org, startedBy: String
            var startedAt: Date
            var submittedBy: String?
            var submittedAt: Date?
        }

        func execute() throws {
            let context = try Context(database)
            let actor = try context.actor()
            let orgId = try org.map { try context.roster.orgs.find($0, by: actor).id }
            let reviews = try context.roster.reviews.list(org: orgId, by: actor).map {
                ReviewJSON(id: $0.id?.rawValue, org: $0.orgName, startedBy: $0.startedBy, startedAt: $0.startedAt,
                           submittedBy: $0.submittedBy, submittedAt: $0.submittedAt)
            }
            try output.print(columns: ["ID", "ORG", "STARTED BY", "STARTED", "SUBMITTED BY", "SUBMITTED"], rows: reviews.map {
                [String($0.id ?? 0), $0.org, $0.startedBy, Output.time($0.startedAt), $0.submittedBy ?? "open", Output.time($0.submittedAt)]
            }, json: reviews, empty: "No reviews yet.")
        }
    }

    struct Show: RosterCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a review's members and decisions (`--output csv` or `json` exports it).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The review's id.") var id: Int64
        @OptionGroup var output: OutputOptions

        func execute() throws {
            let context = try Context(database)
            let sheet = try context.roster.reviews.show(ReviewID(rawValue: id), by: try context.actor())
            let items = sheet.items.map(ReviewItemJSON.init)
            try output.print(columns: ReviewItemJSON.columns, rows: items.map(\.row), json: items, empty: "The org had no members.")
        }
    }

    struct Decide: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "decide", abstract: "Decide for one member: keep, remove, or another org role (applied on submit).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The review's id.") var id: Int64
        @Argument(help: "The member (email or id).", completion: .custom(Completions.users)) var user: String
        @Argument(help: "keep, remove, member, org-admin or read-only.") var decision: String

        func validate() throws {
            do { _ = try ReviewDecision(name: decision) } catch let error as RosterError { throw ValidationError(error.message) }
        }

        func execute() throws {
            let context = try Context(database)
            let actor = try context.actor()
            let member = try context.roster.users.find(user, by: actor)
            let item = try context.roster.reviews.decide(ReviewID(rawValue: id), user: member.id, try ReviewDecision(name: decision), by: actor)
            Output.line("Review #\(id): \(item.email): \(item.decision ?? decision) (applied when the review is submitted).")
        }
    }

    struct Submit: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "submit", abstract: "Apply every decision of a review at once (or none), and close it.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The review's id.") var id: Int64

        func execute() throws {
            let context = try Context(database)
            let sheet = try context.roster.reviews.submit(ReviewID(rawValue: id), by: try context.actor())
            let decided = Dictionary(grouping: sheet.items, by: { $0.decided.map { $0 == .keep ? "kept" : $0 == .remove ? "removed" : "given another role" } ?? "kept" })
            let summary = decided.keys.sorted().map { "\(decided[$0]?.count ?? 0) \($0)" }.joined(separator: ", ")
            Output.line("Submitted review #\(id) of \(sheet.review.orgName): \(summary).")
        }
    }

    struct Interval: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "interval", abstract: "Set how many days apart an org's reviews are due (operations admins and administrators).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The org (name or id).", completion: .custom(Completions.orgs)) var org: String
        @Argument(help: "Days, 1 to 3650.") var days: Int

        func execute() throws {
            let context = try Context(database)
            let actor = try context.actor()
            let updated = try context.roster.orgs.setReviewInterval(try context.roster.orgs.find(org, by: actor).id, days: days, by: actor)
            let due: String = switch ReviewDue.of(updated, at: context.roster.environment.now()) {
            case .due(let date): "next due \(Output.time(date))"
            case .overdue(let days): "overdue by \(days) day(s)"
            }
            Output.line("\(updated.name) is reviewed every \(updated.reviewIntervalDays) days; \(due).")
        }
    }
}
