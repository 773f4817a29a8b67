import ArgumentParser
import Foundation
import RosterCore

struct ListUsers: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List users, a page at a time (keyset pagination: fast at any size).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Show users whose name or email contains this text (case-insensitive).") var filter: String?
    @Option(help: ArgumentHelp("Sort by name, email, role, status, created or last-sign-in; add :desc to reverse (or write --sort=-created).", valueName: "column"))
    var sort = "name"
    @Option(help: "Rows per page (1-1000).") var limit = 50
    @Option(help: ArgumentHelp("Continue after this cursor (printed as `next` by the previous page).", valueName: "cursor"))
    var after: String?
    @Flag(help: "Every matching user, page by page (for exports).") var all = false
    @Flag(help: "JSON: {\"users\": [...], \"next\": cursor or null}.") var json = false

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000.") }
    }

    func execute() throws {
        let context = try Context(database)
        let actor = try context.actor()
        let sort = try UserSort(parsing: self.sort)
        var position = UserPagePosition.first
        if let after { position = .after(try ListCursor.decode(after)) }
        var rows: [UserRow] = []
        var next: String?
        repeat {
            let page = try context.roster.users.list(UserQuery(filter: filter, sort: sort, position: position, limit: limit), by: actor)
            rows += page.rows
            next = nil
            if page.hasMoreAfter, let last = page.rows.last {
                let cursor = UserCursor(row: last, column: sort.column)
                next = try ListCursor.encode(cursor)
                position = .after(cursor)
            }
        } while all && next != nil

        let now = Date()
        if json {
            struct Page: Encodable { var users: [UserJSON]; var next: String? }
            try Output.json(Page(users: rows.map { UserJSON($0, now: now) }, next: next))
            return
        }
        if rows.isEmpty {
            Output.line(filter == nil ? "No users yet. Create one with `roster users create`." : "No users match “\(filter ?? "")”.")
            return
        }
        // Seed 003: the ROLE column is left out for readers who may not see system roles.
        let showsRoles = rows.contains { $0.systemRole != nil }
        let header = ["ID", "NAME", "EMAIL"] + (showsRoles ? ["ROLE"] : []) + ["STATUS", "MFA", "ORGS", "CREATED", "LAST SIGN-IN"]
        Output.table(header, rows.map { row in
            let locked = row.lockedByAdmin || (row.lockedUntil.map { $0 > now } ?? false)
            return [String(row.id.rawValue), row.name, row.email.value] + (showsRoles ? [row.systemRole?.name ?? "-"] : [])
                + [row.status.rawValue + (locked ? ", locked" : ""), row.mfaEnabled ? "on" : "off", row.orgs,
                   Output.time(row.createdAt), Output.time(row.lastSignInAt)]
        })
        if let next {
            let total = try context.roster.users.count(matching: filter, by: actor)
            FileHandle.standardError.write(Data("\(rows.count) of \(total) shown. More: --after \(next)\n".utf8))
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
