import ArgumentParser
import Foundation
import RosterCore
import RosterTerminal

/// Shell completion of the values that live in the database: user emails and org names,
/// as far as the signed-in account may see them (nothing when nobody is signed in).
/// ArgumentParser calls these in a `roster ---completion …` process as the shell asks.
enum Completions {
    /// Emails of the users the signed-in account can see that start with what was typed.
    @Sendable static func users(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        guard let (roster, actor) = signedIn(words) else { return [] }
        let typed = prefix.lowercased()
        let query = UserQuery(filter: typed.isEmpty ? nil : typed, sort: UserSort(.email), limit: 200)
        let rows = (try? roster.users.list(query, by: actor).rows) ?? []
        return rows.map(\.email.value).filter { $0.hasPrefix(typed) }.map(TextSanitizer.sanitize)
    }

    /// Names of the orgs the signed-in account can see that start with what was typed.
    @Sendable static func orgs(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        guard let (roster, actor) = signedIn(words) else { return [] }
        let orgs = (try? roster.orgs.all(by: actor)) ?? []
        return orgs.map(\.name).filter { $0.lowercased().hasPrefix(prefix.lowercased()) }.map(TextSanitizer.sanitize)
    }

    /// The database the command line names (`--db`), else the usual one, and who is signed in.
    private static func signedIn(_ words: [String]) -> (Roster, Actor)? {
        var path: String?
        for (i, word) in words.enumerated() {
            if word == "--db", i + 1 < words.count { path = words[i + 1] }
            if word.hasPrefix("--db=") { path = String(word.dropFirst(5)) }
        }
        guard let context = try? Context(DatabaseOptions(path: path)), let actor = try? context.actor() else { return nil }
        return (context.roster, actor)
    }
}
