import RosterCore
import RosterTerminal

/// Everything that can happen to the console: input, and results of effects.
public enum ConsoleAction: Equatable, Sendable {
    case key(Key)
    case resize(Size)
    case signedIn(Result<Operator, SignInFailure>)
    case usersLoaded(UsersLoad)
    /// `exact`: counted to the end (dormant users), so never shown as "10,000+".
    case usersCounted(generation: Int, total: Int, exact: Bool = false)
    case detailLoaded(generation: Int, DetailResult)
    /// Half a second passed: time to ask whether anyone changed the database.
    case tick
    /// The database's change counter (nil: unknown, or nobody else can write it).
    case dataVersion(Int?)
    /// The rows on screen, read again.
    case rowsRefreshed(generation: Int, [UserRow])
    /// The user in the drawer was deleted; what to say about it.
    case userDeleted(String)
    /// A confirmed change to the user in the drawer was made, or refused.
    case userChanged(ChangeResult)
    case loadFailed(generation: Int, message: String)
    /// Every user matching `filter`, counted for a mark-all.
    case marksCounted(filter: String, total: Int)
    /// A bulk run got this far.
    case bulkProgress(done: Int, total: Int)
    case bulkFinished(BulkResult)
    /// The marked users were written to a file, or why not.
    case usersExported(ChangeResult)
    case membershipOrgsLoaded(UserID, Result<[CreateUserOptions.OrgChoice], ScreenReadFailure>)
    /// The image file for a user's avatar, checked, or why it can't be one.
    case avatarRead(UserID, Result<AvatarImage, ScreenReadFailure>)
    /// What the create form may offer, or why it can't open.
    case createOptionsLoaded(Result<CreateUserOptions, CreateOptionsFailure>)
    case userCreated(CreateResult)
    /// A sensitive action must wait for the operator to confirm it's them; `retry` runs it after.
    case reauthenticationNeeded(retry: Effect, factor: ConfirmationFactor)
    /// The confirmation was refused (wrong password or code): ask again.
    case reauthenticationFailed(String)
    /// Confirmed; the waiting action runs now, as its own effect (a bulk run stays cancellable).
    case reauthenticated(retry: Effect)
    /// The session is still good; the operator as stored now (nil: not known this time).
    case sessionChecked(Operator?)
    /// The session ended (idle, lifetime, account deactivated or locked, ended elsewhere): back to sign-in, saying why.
    case sessionEnded(String)
    /// The account must take this step before anything else.
    case stepRequired(PendingStep)
    case stepFinished(StepResult)
    /// A feature screen's work finished: its outcome, for its reducer.
    case feature(FeatureValue)
}

public enum SignInFailure: Error, Equatable, Sendable {
    /// The password was right and the account uses MFA: ask for the code.
    case needsCode
    /// The password was right and the code wrong: ask for the code again, keep the password.
    case codeRefused(String)
    case refused(String)
}

/// A page of users arriving for one list generation.
public struct UsersLoad: Equatable, Sendable {
    public var generation: Int
    public var placement: PagePlacement
    public var page: UserPage
    /// Known when loading the end of the list.
    public var total: Int?

    public init(generation: Int, placement: PagePlacement, page: UserPage, total: Int?) {
        self.generation = generation
        self.placement = placement
        self.page = page
        self.total = total
    }
}
