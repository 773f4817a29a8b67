import Foundation
import RosterCore
import Synchronization

/// Who signed in, as the console shows it.
public struct Operator: Sendable, Equatable {
    public var email: String
    public var role: SystemRole
    /// Whether the operator may see system roles: the Role column and sort.
    public var seesSystemRoles: Bool
    /// What the account must do before anything else, in order.
    public var pendingSteps: [PendingStep]
    /// Requests waiting for a second person that this operator could approve (the title bar).
    public var approvalsWaiting = 0

    public init(email: String, role: SystemRole, seesSystemRoles: Bool? = nil, pendingSteps: [PendingStep] = []) {
        self.email = email
        self.role = role
        self.seesSystemRoles = seesSystemRoles ?? Policy.maySeeSystemRole(role: role)
        self.pendingSteps = pendingSteps
    }

    /// The operator an actor stands for, with what `Policy` lets them see.
    public init(_ actor: Actor, pendingSteps: [PendingStep] = [], approvalsWaiting: Int = 0) {
        self.init(email: actor.label, role: actor.systemRole, seesSystemRoles: Policy.maySeeSystemRole(actor), pendingSteps: pendingSteps)
        self.approvalsWaiting = approvalsWaiting
    }

    /// The same account with the same access (what the users table depends on); the count of
    /// waiting requests may differ.
    public func hasSameAccess(as other: Operator) -> Bool {
        email == other.email && role == other.role && seesSystemRoles == other.seesSystemRoles && pendingSteps == other.pendingSteps
    }
}

/// The console's sign-in: the token of its session row, kept in memory only. Every effect
/// acts as the actor this token stands for now, re-read from the database.
public final class ConsoleSession: Sendable {
    private struct Held {
        var token: String?
        /// The actor the session stood for at its last check, and when: pages read within
        /// `reuse` of a check act as that actor (every service call still re-reads the account,
        /// its role and orgs); the keystroke's own check runs beside them.
        var checked: (actor: Actor, at: Date)?
    }

    private let held = Mutex(Held())
    static let reuse: TimeInterval = 1

    public init(token: String? = nil) {
        held.withLock { $0.token = token }
    }

    public var current: String? { held.withLock { $0.token } }

    func replace(with new: String?) -> String? {
        held.withLock { state in
            defer { state = Held(token: new) }
            return state.token
        }
    }

    func recent(at now: Date) -> Actor? {
        held.withLock { state in
            guard let checked = state.checked, now.timeIntervalSince(checked.at) < Self.reuse else { return nil }
            return checked.actor
        }
    }

    func remember(_ actor: Actor, at now: Date, token: String) {
        held.withLock { state in if state.token == token { state.checked = (actor, now) } }
    }
}

/// Everything the console needs from outside, as plain closures: live values talk to
/// RosterCore, test values return fixtures. The console never touches SQL, the clock or ncurses.
public struct ConsoleEnvironment: Sendable {
    /// Signs in; nil code when none was asked for.
    public var signIn: @Sendable (_ email: String, _ password: String, _ code: String?) throws -> Operator
    public var loadUsers: @Sendable (UserQuery) throws -> UserPage
    public var countUsers: @Sendable (_ filter: String?) throws -> Int
    /// Counts that may stop past `limit` (a result over it means "more"); nil: `countUsers`.
    public var countUsersUpTo: (@Sendable (_ filter: String?, _ limit: Int) throws -> Int)?
    /// How many users the operator can see match a selection (a dormant mark-all).
    public var countSelection: @Sendable (UserSelection) throws -> Int = { _ in throw RosterError.notSignedIn }
    /// What the detail drawer shows about one user, as far as the operator may see it.
    public var userDetail: @Sendable (UserID) throws -> UserDetail = { _ in throw RosterError.notSignedIn }
    /// A number that changes when anyone commits to the database (nil: nobody else can).
    public var dataVersion: (@Sendable () throws -> Int)?
    /// These users' rows as they are now (left out when deleted or no longer visible).
    public var userRows: @Sendable ([UserID], UserSort) throws -> [UserRow] = { _, _ in [] }
    /// Deletes one user for good; returns what happened in a sentence.
    public var deleteUser: @Sendable (UserID, _ expectedVersion: Int?) throws -> String = { _, _ in throw RosterError.notSignedIn }
    /// Makes a confirmed change to one user; returns what happened in a sentence.
    public var changeUser: @Sendable (BulkAction, UserID, _ expectedVersion: Int?) throws -> String = { _, _, _ in throw RosterError.notSignedIn }
    /// Edits one user's record; returns what happened in a sentence.
    public var editUser: @Sendable (UserEdit, UserID, _ expectedVersion: Int?) throws -> String = { _, _, _ in throw RosterError.notSignedIn }
    /// Writes these users to a new CSV file at this path (on the machine roster runs on); says what it did.
    public var exportUsers: @Sendable (BulkTargets, _ path: String) throws -> String = { _, _ in throw RosterError.notSignedIn }
    /// Reads and checks an image file for an avatar (on the machine roster runs on).
    public var readAvatar: @Sendable (_ path: String) throws -> AvatarImage = { _ in throw RosterError.notSignedIn }
    /// What the create form may offer the operator.
    public var createUserOptions: @Sendable () throws -> CreateUserOptions = { throw RosterError.notSignedIn }
    /// Creates a user; says what happened, with a generated password to show once.
    public var createUser: @Sendable (NewUser) throws -> CreateResult = { _ in throw RosterError.notSignedIn }
    /// Hands the operator a secret (shown once) or mails the user a link.
    public var userTask: @Sendable (UserTask, UserID) throws -> ChangeResult = { _, _ in throw RosterError.notSignedIn }
    /// Whether the operator must confirm it's them before a sensitive action, and how (nil: not now).
    public var confirmationDue: @Sendable () throws -> ConfirmationFactor? = { nil }
    /// Confirms it's the operator: their password, or their code when they use MFA.
    public var reauthenticate: @Sendable (_ secret: String) throws -> Void = { _ in throw RosterError.notSignedIn }
    /// Takes a bulk action on `targets` if they still number `expected` (else nothing changes);
    /// `progress(done, total)` after each user, false to stop.
    public var bulk: @Sendable (BulkAction, BulkTargets, _ expected: Int, _ progress: @escaping @Sendable (Int, Int) -> Bool) throws -> BulkReport
        = { _, _, _, _ in throw RosterError.notSignedIn }
    /// Counts a keystroke as activity and returns the operator as the database knows them now;
    /// throws `sessionEnded` when the session or the account can no longer act.
    public var checkSession: @Sendable () throws -> Operator
    /// Ends the session row (quitting).
    public var signOut: @Sendable () -> Void
    /// The pending steps, as the signed-in account.
    public var changePassword: @Sendable (_ current: String, _ new: String) throws -> Void = { _, _ in throw RosterError.notSignedIn }
    public var beginMFA: @Sendable (_ password: String) throws -> MFAEnrollment = { _ in throw RosterError.notSignedIn }
    public var confirmMFA: @Sendable (_ code: String) throws -> [String] = { _ in throw RosterError.notSignedIn }
    public var termsText: @Sendable () throws -> String? = { throw RosterError.notSignedIn }
    public var acceptTerms: @Sendable () throws -> Void = { throw RosterError.notSignedIn }
    public var declineTerms: @Sendable () throws -> Void = { throw RosterError.notSignedIn }
    /// Each feature screen's client (`ScreenFeature.Client`).
    public var features = FeatureClients()
    public var now: @Sendable () -> Date
    public var formatting: Formatting

    public init(signIn: @escaping @Sendable (String, String, String?) throws -> Operator,
                loadUsers: @escaping @Sendable (UserQuery) throws -> UserPage,
                countUsers: @escaping @Sendable (String?) throws -> Int,
                checkSession: @escaping @Sendable () throws -> Operator,
                signOut: @escaping @Sendable () -> Void,
                now: @escaping @Sendable () -> Date,
                formatting: Formatting) {
        self.signIn = signIn
        self.loadUsers = loadUsers
        self.countUsers = countUsers
        self.checkSession = checkSession
        self.signOut = signOut
        self.now = now
        self.formatting = formatting
    }

    /// The live environment over a `Roster`: a real session row (client "roster-console"),
    /// and every read through the same services, policy and audit as the CLI.
    /// `database`: where the data lives, as the operator named it (shown on the About screen).
    public static func live(_ roster: Roster, ip: String?, session: ConsoleSession = ConsoleSession(),
                            timeZone: ZoneRules = .utc, database: String = "") -> ConsoleEnvironment {
        // Filters typed in the first seconds find the name order already in memory.
        roster.stores.prepareForConsole()
        /// `reusing`: pages and counts only; anything that changes something checks the session first.
        @Sendable func actor(activity: Bool = false, reusing: Bool = false) throws -> Actor {
            guard let token = session.current else { throw RosterError.notSignedIn }
            let now = roster.environment.now()
            if reusing, !activity, let recent = session.recent(at: now) { return recent }
            let actor = try roster.auth.actor(forToken: token, ip: ip, activity: activity)
            session.remember(actor, at: now, token: token)
            return actor
        }
        let firstPage = Once()
        @Sendable func currentOperator(_ actor: Actor) throws -> Operator {
            Operator(actor, pendingSteps: try roster.auth.pendingSteps(by: actor), approvalsWaiting: try roster.approvals.waitingCount(for: actor))
        }
        var environment = ConsoleEnvironment(
            signIn: { email, password, code in
                let signIn = try roster.auth.signIn(email: email, password: password, code: code, ip: ip, client: "roster-console")
                if let old = session.replace(with: signIn.token) { try? roster.auth.signOut(token: old) }
                return try currentOperator(try roster.auth.actor(forToken: signIn.token, ip: ip))
            },
            loadUsers: { query in
                let reader = try actor(reusing: true)
                let page = try roster.users.list(query, by: reader)
                // The first page is read: what the first filter would wait for is read now, while
                // the page is drawn and a person reads it.
                if firstPage.claim() { DispatchQueue.global(qos: .utility).async { roster.users.prepareFilters(by: reader) } }
                return page
            },
            countUsers: { filter in try roster.users.count(matching: filter, by: try actor(reusing: true)) },
            checkSession: { try currentOperator(try actor(activity: true)) },
            signOut: {
                if let token = session.replace(with: nil) { try? roster.auth.signOut(token: token) }
            },
            now: { roster.environment.now() },
            formatting: Formatting(timeZone: timeZone))
        environment.features = .live(LiveServices(roster: roster, actor: { try actor() }, reader: { try actor(reusing: true) },
                                                  database: database, timeZone: timeZone))
        environment.countUsersUpTo = { filter, limit in try roster.users.count(matching: filter, upTo: limit, by: try actor(reusing: true)) }
        environment.countSelection = { selection in try roster.users.count(selection, by: try actor(reusing: true)) }
        environment.userDetail = { id in try roster.users.detail(of: id, by: try actor(reusing: true)) }
        if let watcher = try? roster.stores.changeWatcher() {
            environment.dataVersion = { try watcher.version() }
        }
        environment.userRows = { ids, sort in try roster.users.rows(ids, sort: sort, by: try actor(reusing: true)) }
        environment.deleteUser = { id, version in
            let deleted = try roster.users.delete(id, expectedVersion: version, by: try actor())
            return "Deleted \(deleted.email) for good; their audit rows stay."
        }
        environment.changeUser = { change, id, version in try roster.change(change, user: id, expectedVersion: version, by: try actor()) }
        environment.confirmationDue = {
            guard let token = session.current else { throw RosterError.notSignedIn }
            return try roster.auth.confirmationDue(token: token)
        }
        environment.reauthenticate = { secret in
            guard let token = session.current else { throw RosterError.notSignedIn }
            // The account's factor decides which of the two is checked.
            try roster.auth.reauthenticate(token: token, password: secret, code: secret, ip: ip)
        }
        environment.editUser = { change, id, version in try UserEditRunner(roster: roster, formatting: Formatting(timeZone: timeZone)).run(change, id, version, by: try actor()) }
        environment.readAvatar = { path in try AvatarImage(contentsOf: expandingHome(path)) }
        environment.exportUsers = { targets, path in
            let file = expandingHome(path)
            let count = try roster.users.exportCSV(targets.selection, to: file, by: try actor())
            return "Exported \(Formatting.count(count)) user\(count == 1 ? "" : "s") to \(file) (mode 0600)."
        }
        environment.createUserOptions = {
            let actor = try actor()
            // The orgs Policy lets this operator create accounts in.
            let orgs = try roster.orgs.all(by: actor).filter { Policy.checkCreateOrdinary(inOrg: $0.id, by: actor) == nil }
            return CreateUserOptions(actor: actor, orgs: orgs.map { .init(id: $0.id, name: $0.name) },
                                     passwordPolicy: try roster.settings.passwordPolicy())
        }
        environment.createUser = { input in
            let created = try roster.users.create(input, by: try actor())
            let user = created.user
            let message = "Created \(user.email) (\(user.systemRole.title))"
                + (input.password == .accountInfoLink ? "; account info with a set-password link queued in the outbox." : ".")
            return .created(message, user.id, secret: created.generatedPassword.map { password in
                ShownSecret(title: "New user's password", lines: [
                    "The first password of \(user.email). They must change it at first sign-in.",
                ], secret: password)
            })
        }
        environment.userTask = { task, id in try UserTaskRunner(roster: roster, formatting: Formatting(timeZone: timeZone)).run(task, id, by: try actor()) }
        environment.bulk = { action, targets, expected, progress in
            try roster.bulk(action, on: targets, by: try actor(), refreshActor: { try actor() }, confirm: { found in
                if found != expected { throw BulkCountChanged(confirmed: expected, found: found) }
            }, progress: progress)
        }
        environment.changePassword = { current, new in try roster.passwords.changeOwnPassword(current: current, new: new, by: try actor()) }
        environment.beginMFA = { password in try roster.mfa.beginEnrollment(password: password, by: try actor()) }
        environment.confirmMFA = { code in try roster.mfa.confirmEnrollment(code: code, by: try actor()) }
        environment.termsText = { try roster.terms.text(by: try actor()) }
        environment.acceptTerms = { _ = try roster.terms.accept(by: try actor()) }
        environment.declineTerms = {
            _ = try roster.terms.decline(by: try actor())
            _ = session.replace(with: nil)
        }
        return environment
    }

    /// `~/` as a shell would read it: the operator types paths on the server, where roster runs.
    static func expandingHome(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return path }
        return (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst(1)
    }
}

/// True for the first caller only.
private final class Once: Sendable {
    private let claimed = Atomic<Bool>(false)

    func claim() -> Bool {
        !claimed.exchange(true, ordering: .acquiringAndReleasing)
    }
}
