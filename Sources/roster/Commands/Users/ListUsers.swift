import ArgumentParser
import Foundation
import RosterCore

struct ListUsers: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List users, a page at a time (keyset pagination: fast at any size).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var selection: SelectionOptions
    @Option(help: ArgumentHelp("Sort by name, email, role, status, created or last-sign-in; add :desc to reverse (or write --sort=-created).", valueName: "column"))
    var sort = "name"
    @Option(help: "Rows per page (1-1000).") var limit = 50
    @Option(help: ArgumentHelp("Continue after this cursor (printed as `next` by the previous page).", valueName: "cursor"))
    var after: String?
    @Flag(help: "Every matching user, page by page (for exports).") var all = false
    /// JSON: {"users": [...], "next": cursor or null}.
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000.") }
    }

    func execute() throws {
        let context = try Context(database)
        let actor = try context.actor()
        let sort = try UserSort(parsing: self.sort)
        var cursor: UserCursor?
        if let after { cursor = try ListCursor.decode(after) }
        var rows: [UserRow] = []
        var next: String?
        repeat {
            let (page, more) = try readPage(context.roster, actor: actor, sort: sort, after: cursor)
            rows += page
            next = nil
            if more, let last = page.last {
                cursor = UserCursor(row: last, column: sort.column)
                next = try ListCursor.encode(UserCursor(row: last, column: sort.column))
            }
        } while all && next != nil
        try show(rows, next: next, roster: context.roster, actor: actor)
    }

    /// One page: the fast type-to-filter path when only text filters, the selection query otherwise.
    private func readPage(_ roster: Roster, actor: Actor, sort: UserSort, after cursor: UserCursor?) throws -> ([UserRow], Bool) {
        if selection.narrowsBeyondText {
            let chosen = try selection.selection(in: roster, by: actor)
            let page = try roster.users.select(chosen, sort: sort, after: cursor, limit: limit, by: actor)
            return (page.users.map(\.row), page.hasMore)
        }
        let position = cursor.map(UserPagePosition.after) ?? .first
        let page = try roster.users.list(UserQuery(filter: selection.filter, sort: sort, position: position, limit: limit), by: actor)
        return (page.rows, page.hasMoreAfter)
    }

    private func show(_ rows: [UserRow], next: String?, roster: Roster, actor: Actor) throws {
        let now = Date()
        struct Page: Encodable { var users: [UserJSON]; var next: String? }
        // The ROLE column is left out for readers who may not see system roles.
        let showsRoles = rows.contains { $0.systemRole != nil }
        let header = ["ID", "NAME", "EMAIL"] + (showsRoles ? ["ROLE"] : []) + ["STATUS", "MFA", "ORGS", "CREATED", "LAST SIGN-IN"]
        let cells: [[String]] = rows.map { row in
            let locked = row.lockedByAdmin || (row.lockedUntil.map { $0 > now } ?? false)
            let role = showsRoles ? [row.systemRole?.name ?? "-"] : []
            return [String(row.id.rawValue), row.name, row.email.value] + role
                + [row.status.rawValue + (locked ? ", locked" : ""), row.mfaEnabled ? "on" : "off", row.orgs,
                   Output.time(row.createdAt), Output.time(row.lastSignInAt)]
        }
        let filtered = selection.filter != nil || selection.narrowsBeyondText
        try output.print(columns: header, rows: cells, json: Page(users: rows.map { UserJSON($0, now: now) }, next: next),
                         empty: filtered ? "No users match." : "No users yet. Create one with `roster users create`.")
        guard output.format != .json else { return }
        if let next, !selection.narrowsBeyondText {
            let total = try roster.users.count(matching: selection.filter, by: actor)
            CommandEnvironment.current.write("\(rows.count) of \(total) shown. More: --after \(next)\n", to: .error)
        } else if let next {
            CommandEnvironment.current.write("\(rows.count) shown. More: --after \(next)\n", to: .error)
        }
    }
}

/// The `--after` cursor: opaque, URL-safe, and checked when read back.
enum ListCursor {
    static func encode(_ cursor: UserCursor) throws -> String {
        let data = try JSONEncoder().encode(cursor)
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) throws -> UserCursor {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(UserCursor.self, from: data) else {
            throw CLIError("--after: “\(text)” is not a cursor printed by `roster users list`. Start again without --after.")
        }
        return cursor
    }
}
