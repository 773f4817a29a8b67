import Foundation
import RosterCore
import RosterTerminal

/// The about screen: which Roster, which database, who is signed in and what they can see.
/// What support asks first ("which database are you on, as whom?"), on one screen.
struct AboutState: Equatable, Sendable {
    var facts: AboutFacts?
    var loading = true
    var error: String?
}

/// What the about screen shows that only the database knows, read as the operator.
struct AboutFacts: Equatable, Sendable {
    var version: String
    /// Where the data lives, as the operator named it (never a password: addresses holding one
    /// are refused); nil for those who may not read the system settings, as it names the server's files.
    var database: String?
    var account: String
    var role: SystemRole
    /// "Acme (admin)", for each organization the operator has a role in.
    var orgRoles: [String]
    /// Users the operator may see; at `usersLimit` or more it is said as "N+".
    var users: Int
    var orgs: Int
    var session: SessionFacts?

    struct SessionFacts: Equatable, Sendable {
        var client: String?
        var ip: String?
        var since: Date
        /// The SSH key that opened it, by fingerprint.
        var sshKey: String?
    }

    static let usersLimit = 10_000

    /// "SQLite file" or "PostgreSQL", from the address.
    var backend: String {
        switch database.flatMap({ try? StorageAddress.parse($0) }) {
        case .postgres?: "PostgreSQL"
        case .file?: "SQLite file"
        case nil: "unknown"
        }
    }
}

/// What a key does on the about screen.
enum AboutAction: Equatable, Sendable {
    case reload
}

extension AboutAction {
    static let keymap = Keymap<AboutAction>("About", id: "about", [
        Binding(id: "read-again", ["r", .control("l")], "read again", short: "read again", footer: true, also: ["version", "database", "whoami"], .reload),
    ])
}
