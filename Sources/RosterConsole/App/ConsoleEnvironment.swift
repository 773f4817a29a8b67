import Foundation
import RosterCore

/// Who signed in, as the console shows it.
public struct Operator: Sendable, Equatable {
    public var email: String
    public var role: SystemRole

    public init(email: String, role: SystemRole) {
        self.email = email
        self.role = role
    }
}

/// Everything the console needs from outside, as plain closures: live values talk to
/// RosterCore, test values return fixtures. The console never touches SQL, the clock or ncurses.
public struct ConsoleEnvironment: Sendable {
    /// Signs in; nil code when none was asked for.
    public var signIn: @Sendable (_ email: String, _ password: String, _ code: String?) throws -> Operator
    public var loadUsers: @Sendable (UserQuery) throws -> UserPage
    public var countUsers: @Sendable (_ filter: String?) throws -> Int
    public var now: @Sendable () -> Date
    public var formatting: Formatting

    public init(signIn: @escaping @Sendable (String, String, String?) throws -> Operator,
                loadUsers: @escaping @Sendable (UserQuery) throws -> UserPage,
                countUsers: @escaping @Sendable (String?) throws -> Int,
                now: @escaping @Sendable () -> Date,
                formatting: Formatting) {
        self.signIn = signIn
        self.loadUsers = loadUsers
        self.countUsers = countUsers
        self.now = now
        self.formatting = formatting
    }

    /// The live environment over a `Roster`. Listing goes through the same service the CLI uses.
    public static func live(_ roster: Roster, ip: String?, timeZone: TimeZone = .current) -> ConsoleEnvironment {
        // Filters typed in the first seconds find the name order already in memory.
        roster.database.prepareNameOrder()
        return ConsoleEnvironment(
            signIn: { email, password, code in
                let signIn = try roster.auth.signIn(email: email, password: password, code: code, ip: ip, client: "roster-console")
                return Operator(email: signIn.user.email.value, role: signIn.user.systemRole)
            },
            loadUsers: { query in try roster.users.list(query) },
            countUsers: { filter in try roster.users.count(matching: filter) },
            now: { roster.environment.now() },
            formatting: Formatting(timeZone: timeZone))
    }
}
