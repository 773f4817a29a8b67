import RosterCore
import Synchronization

/// Work the reducer asks for; the runtime does it off the drawing thread and sends back an action.
public enum Effect: Equatable, Sendable {
    case signIn(email: String, password: String, code: String?)
    /// Read a page of users for the list generation `generation`.
    case loadUsers(generation: Int, query: UserQuery, placement: PagePlacement)
    case countUsers(generation: Int, filter: String?, dormantDays: Int?)
    /// Read what the detail drawer shows about one user.
    case loadDetail(generation: Int, user: UserID)
    /// Has anyone changed the database since the last look?
    case checkChanges
    /// Read the rows on screen again (someone else changed data).
    case refreshRows(generation: Int, ids: [UserID], sort: UserSort)
    /// Delete a user for good, refused if they changed since `expectedVersion`.
    case deleteUser(UserID, expectedVersion: Int?)
    /// Make a confirmed change to one user, refused if they changed since `expectedVersion`.
    case changeUser(BulkAction, user: UserID, expectedVersion: Int?)
    /// A keystroke: is the session still good, and who is the operator now?
    case checkSession
    /// Count every user matching `filter` (and dormant that long, if given), exactly (a mark-all).
    case countMarks(filter: String, dormantDays: Int?)
    /// Take `action` on `targets`, if they still number `expected`; reports progress as it goes.
    case runBulk(BulkAction, BulkTargets, expected: Int)
    /// Stop the bulk run after the user in hand.
    case cancelBulk
    /// Writes these users to a new CSV file.
    case exportUsers(BulkTargets, path: String)
    /// Hand the operator a secret or mail the user a link (`UserTask`).
    case runTask(UserTask, UserID)
    /// Edit one user's record (profile, role), refused if they changed since `expectedVersion`.
    case editUser(UserEdit, UserID, expectedVersion: Int?)
    /// Reads and checks an image file for the drawer's user's avatar.
    case readAvatar(path: String, user: UserID)
    /// The orgs the operator may add this user to.
    case loadMembershipOrgs(UserID)
    /// Read what the create form may offer.
    case loadCreateOptions
    case createUser(NewUser)
    /// Confirm it's the operator (password or code), then run `then`.
    indirect case reauthenticate(secret: String, then: Effect)
    /// A feature screen's work, done with its client (`ScreenFeature.perform`).
    case feature(FeatureValue)
    // A pending step (StepState).
    case changePassword(current: String, new: String)
    case beginMFA(password: String)
    case confirmMFA(code: String)
    case loadTerms
    case answerTerms(accept: Bool)
}

/// Where a loaded page goes in the users window.
public enum PagePlacement: Equatable, Sendable {
    /// A fresh list from the top.
    case replaceFromTop
    /// The end of the list: the last rows, then select the last one.
    case replaceAtEnd
    /// After the window's last row.
    case append
    /// Before the window's first row.
    case prepend
}

/// How a long effect talks to the console while it runs: progress out, a cancel flag in.
public struct EffectContext: Sendable {
    public var post: @Sendable (ConsoleAction) -> Void
    public var cancel: @Sendable () -> Void
    public var isCancelled: @Sendable () -> Bool

    public init(post: @escaping @Sendable (ConsoleAction) -> Void, cancel: @escaping @Sendable () -> Void,
                isCancelled: @escaping @Sendable () -> Bool) {
        self.post = post
        self.cancel = cancel
        self.isCancelled = isCancelled
    }

    /// No progress, never cancelled.
    public static let none = EffectContext(post: { _ in }, cancel: {}, isCancelled: { false })
}

extension Effect {
    /// Does the work and returns the action that reports it (nil: nothing to report). Runs on a worker thread.
    public func perform(_ environment: ConsoleEnvironment, _ context: EffectContext = .none) -> ConsoleAction? {
        // Sudo mode: ask first, rather than let the service refuse (and audit a denial per user of a bulk run).
        if needsRecentAuthentication, let factor = try? environment.confirmationDue() {
            return .reauthenticationNeeded(retry: self, factor: factor)
        }
        switch self {
        case .reauthenticate(let secret, let then):
            do {
                try environment.reauthenticate(secret)
            } catch RosterError.invalidCode, RosterError.wrongCurrentPassword {
                return .reauthenticationFailed("That wasn't right; try again. Wrong answers count towards locking your account.")
            } catch {
                return Self.failure(error) { .reauthenticationFailed($0) }
            }
            return .reauthenticated(retry: then)
        case .countMarks(let filter, let dormantDays):
            do {
                let total = try dormantDays.map { days in
                    try environment.countSelection(UserSelection(text: filter, noSignInForDays: days))
                } ?? environment.countUsers(filter.isEmpty ? nil : filter)
                return .marksCounted(filter: filter, total: total)
            } catch {
                return Self.failure(error) { .bulkFinished(.failed("Couldn't count the marked users: \($0)")) }
            }
        case .runBulk(let action, let targets, let expected):
            return Self.bulk(action, targets, expected: expected, environment, context)
        case .cancelBulk:
            context.cancel()
            return nil
        case .exportUsers(let targets, let path):
            do {
                return .usersExported(.done(try environment.exportUsers(targets, path)))
            } catch {
                return Self.failure(error) { .usersExported(.refused($0)) }
            }
        case .editUser(let change, let user, let version):
            return Self.change { .userChanged(.done(try environment.editUser(change, user, version))) }
        case .loadMembershipOrgs(let user):
            do {
                return .membershipOrgsLoaded(user, .success(try environment.createUserOptions().orgs))
            } catch {
                return Self.failure(error) { .membershipOrgsLoaded(user, .failure(ScreenReadFailure(message: $0))) }
            }
        case .feature(let work):
            return ConsoleFeatures.feature(work.screen)?.run(work, environment)
        case .loadCreateOptions:
            do {
                return .createOptionsLoaded(.success(try environment.createUserOptions()))
            } catch {
                return Self.failure(error) { .createOptionsLoaded(.failure(CreateOptionsFailure(message: $0))) }
            }
        case .createUser(let input):
            do {
                return .userCreated(try environment.createUser(input))
            } catch let denial as Denial where denial != .actorUnavailable {
                if case .pendingStep = denial { return Self.failure(denial) { .userCreated(.refused($0)) } }
                return .userCreated(.refused(denial.message))
            } catch {
                return Self.failure(error) { .userCreated(.refused($0)) }
            }
        case .readAvatar(let path, let user):
            do {
                return .avatarRead(user, .success(try environment.readAvatar(path)))
            } catch {
                return Self.failure(error) { .avatarRead(user, .failure(ScreenReadFailure(message: $0))) }
            }
        case .runTask(let task, let user):
            return Self.change { .userChanged(try environment.userTask(task, user)) }
        case .signIn(let email, let password, let code):
            do {
                return .signedIn(.success(try environment.signIn(email, password, code)))
            } catch RosterError.mfaCodeRequired {
                return .signedIn(.failure(.needsCode))
            } catch RosterError.invalidCode {
                return .signedIn(.failure(.codeRefused(RosterError.invalidCode.message)))
            } catch let error as HumanReadableError {
                return .signedIn(.failure(.refused(error.message)))
            } catch {
                return .signedIn(.failure(.refused("Sign-in failed: \(error)")))
            }
        case .checkSession:
            do {
                return .sessionChecked(try environment.checkSession())
            } catch {
                return Self.failure(error) { _ in .sessionChecked(nil) }
            }
        case .changePassword(let current, let new):
            return Self.step { try environment.changePassword(current, new); return .passwordChanged }
        case .beginMFA(let password):
            return Self.step { .mfaStarted(try environment.beginMFA(password)) }
        case .confirmMFA(let code):
            return Self.step { .mfaConfirmed(recoveryCodes: try environment.confirmMFA(code)) }
        case .loadTerms:
            return Self.step { .termsLoaded(try environment.termsText()) }
        case .answerTerms(let accept):
            if !accept {
                do {
                    try environment.declineTerms()
                    return .sessionEnded("You declined the terms of service, so you were signed out.")
                } catch {
                    return Self.failure(error) { .stepFinished(.failed($0)) }
                }
            }
            return Self.step { try environment.acceptTerms(); return .termsAccepted }
        case .loadUsers(let generation, let query, let placement):
            do {
                let page = try environment.loadUsers(query)
                // The end of the list needs its absolute position for the "41–80 of N" line.
                let total = placement == .replaceAtEnd ? try Self.count(query.filter, dormantDays: query.noSignInForDays, environment) : nil
                return .usersLoaded(UsersLoad(generation: generation, placement: placement, page: page, total: total))
            } catch {
                return Self.failure(error) { .loadFailed(generation: generation, message: $0) }
            }
        case .loadDetail(let generation, let user):
            do {
                return .detailLoaded(generation: generation, .loaded(try environment.userDetail(user)))
            } catch {
                return Self.failure(error) { .detailLoaded(generation: generation, .failed($0)) }
            }
        case .checkChanges:
            guard let version = environment.dataVersion else { return .dataVersion(nil) }
            return .dataVersion(try? version())
        case .refreshRows(let generation, let ids, let sort):
            do {
                return .rowsRefreshed(generation: generation, try environment.userRows(ids, sort))
            } catch {
                return Self.failure(error) { .loadFailed(generation: generation, message: $0) }
            }
        case .deleteUser(let user, let expectedVersion):
            return Self.change { .userDeleted(try environment.deleteUser(user, expectedVersion)) }
        case .changeUser(let change, let user, let expectedVersion):
            return Self.change { .userChanged(.done(try environment.changeUser(change, user, expectedVersion))) }
        case .countUsers(let generation, let filter, let dormantDays):
            do {
                // Enough for the status line; the end of the list (above) counts exactly. Dormant
                // users are counted exactly: one COUNT over the lastSignInAt index.
                let total = try dormantDays != nil ? Self.count(filter, dormantDays: dormantDays, environment)
                    : environment.countUsersUpTo.map { try $0(filter, UsersState.countLimit) } ?? environment.countUsers(filter)
                return .usersCounted(generation: generation, total: total, exact: dormantDays != nil)
            } catch {
                return Self.failure(error) { .loadFailed(generation: generation, message: $0) }
            }
        }
    }

    /// How many users the list holds: those matching `filter`, and only the dormant ones when asked.
    static func count(_ filter: String?, dormantDays: Int?, _ environment: ConsoleEnvironment) throws -> Int {
        guard let dormantDays else { return try environment.countUsers(filter) }
        return try environment.countSelection(UserSelection(text: filter, noSignInForDays: dormantDays))
    }

    /// A confirmed change's outcome: a refusal (policy, someone else's change, a deleted user)
    /// is said in words and leaves the console usable; an ended session ends it on screen.
    static func change(_ body: () throws -> ConsoleAction) -> ConsoleAction {
        do {
            return try body()
        } catch Denial.reauthenticationRequired {
            // The confirmation lapsed between asking and acting: say so; the next try asks.
            return .userChanged(.refused("Your confirmation lapsed before the change was made; nothing was changed. "
                + "Try again: you'll be asked to confirm it's you."))
        } catch RosterError.changedBySomeoneElse {
            return .userChanged(.refused("Changed by someone else since you opened it; nothing was written. The details are read again: check them and try again."))
        } catch RosterError.userNotFound {
            return .userChanged(.refused("This user was deleted meanwhile; nothing was written."))
        } catch let denial as Denial where denial != .actorUnavailable {
            if case .pendingStep = denial { return failure(denial) { .userChanged(.refused($0)) } }
            return .userChanged(.refused(denial.message))
        } catch {
            return failure(error) { .userChanged(.refused($0)) }
        }
    }

    /// Whether the service asks the operator to have confirmed it's them lately (sudo mode).
    var needsRecentAuthentication: Bool {
        switch self {
        case .changeUser(let action, _, _), .runBulk(let action, _, _): action == .resetMFA
        case .deleteUser, .runTask, .editUser(.role, _, _), .editUser(.revokeKey, _, _), .editUser(.addIPRule, _, _),
             .editUser(.removeIPRule, _, _): true
        case .feature(let work): ConsoleFeatures.feature(work.screen)?.needsSudo(work) ?? false
        // Lifting an MFA requirement; grants as Policy says (org admin, a role above the kind's default).
        case .editUser(.profile(let change), _, _): change.mfaEnrollmentRequired == false
        case .editUser(.addMembership(_, let role), _, _), .editUser(.membership(_, let role?), _, _):
            Policy.grantAsksForSudo(.orgRole(role))
        case .createUser(let input):
            Policy.grantAsksForSudo(.systemRole(input.systemRole ?? Policy.defaultRole(for: input.kind)), aboveDefaultFor: input.kind)
                || (input.org != nil && Policy.grantAsksForSudo(.orgRole(input.orgRole)))
        default: false
        }
    }

    /// What the reducer hears when this effect's action didn't happen (the operator cancelled).
    func notDone(_ message: String) -> ConsoleAction {
        switch self {
        case .runBulk: .bulkFinished(.failed(message))
        case .createUser: .userCreated(.refused(message))
        case .feature(let work): ConsoleFeatures.feature(work.screen)?.notDone(work, message) ?? .userChanged(.refused(message))
        case .reauthenticate(_, let then): then.notDone(message)
        default: .userChanged(.refused(message))
        }
    }

    /// Runs a bulk action, posting progress at most ten times a second (a redraw each).
    static func bulk(_ action: BulkAction, _ targets: BulkTargets, expected: Int, _ environment: ConsoleEnvironment,
                     _ context: EffectContext) -> ConsoleAction {
        let clock = ContinuousClock()
        let lastPost = Mutex(clock.now)
        do {
            let report = try environment.bulk(action, targets, expected) { done, total in
                let now = clock.now
                let due = lastPost.withLock { last in
                    guard done == total || now - last >= .milliseconds(100) else { return false }
                    last = now
                    return true
                }
                if due { context.post(.bulkProgress(done: done, total: total)) }
                return !context.isCancelled()
            }
            return .bulkFinished(.finished(report))
        } catch {
            return failure(error) { .bulkFinished(.failed($0)) }
        }
    }

    static func step(_ body: () throws -> StepResult) -> ConsoleAction {
        do {
            return .stepFinished(try body())
        } catch {
            return failure(error) { .stepFinished(.failed($0)) }
        }
    }

    /// An error that means the operator can no longer act ends the session on screen;
    /// anything else is reported where it happened.
    static func failure(_ error: any Error, otherwise: (String) -> ConsoleAction) -> ConsoleAction {
        switch error {
        case RosterError.sessionEnded(let reason): return .sessionEnded(reason.message)
        case RosterError.sessionExpired, RosterError.notSignedIn: return .sessionEnded(RosterError.sessionExpired.message)
        case Denial.actorUnavailable: return .sessionEnded(SessionEndReason.accountUnavailable.message)
        // A step became due meanwhile (an administrator required MFA, say): show it.
        case Denial.pendingStep(let step): return .stepRequired(step)
        default: return otherwise((error as? HumanReadableError)?.message ?? "\(error)")
        }
    }
}
