/// Why an actor may not do something, in words an operator can act on.
public enum Denial: HumanReadableError, Equatable, Sendable {
    case readOnlyActor
    case notPermitted(UserAction)
    case orgNotPermitted(OrgAction)
    /// The target ranks above the actor; the role is named only to actors who may see roles.
    case outranked(target: SystemRole?)
    case cannotGrantAbove(SystemRole)
    case selfChange(UserAction)
    case lastAdministrator
    case lastOrgAdmin(org: String)
    case orgUserLimit(org: String, kind: AccountKind, limit: Int)
    case orgLocked(String)
    case mfaRequiredSystemWide
    case administratorsOnly(String)
    /// The acting account was deactivated, locked or deleted since it signed in.
    case actorUnavailable
    /// The user exists, or may exist, outside what the actor can see.
    case notVisible(UserRead)
    /// Something the actor may not see: audited as a denial, answered exactly as if it did not
    /// exist (the error carried here), so that asking tells nothing.
    case hidden(RosterError)
    case cannotView(SystemRead)
    case apiKeyCannotManageCredentials
    /// A system role above Standard user, or org admin, asked for through an API key.
    case apiKeyCannotGrantPower
    /// A new account with a password, created through an API key.
    case apiKeyCannotSetPassword
    case apiKeyCannotChangeSettings
    /// The account must first change its password, enroll MFA or accept the terms.
    case pendingStep(PendingStep)
    /// Lifting a requirement an administrator set on one's own account.
    case ownRequirement
    /// A sensitive action, and the person last proved it was them too long ago (sudo mode).
    case reauthenticationRequired(minutes: Int)
    /// An elevation lends only a role above what the user holds now (named).
    case alreadyHolds(String)
    /// An elevation longer than `elevation.max-hours` allows.
    case elevationTooLong(maxHours: Int)
    /// An org elevation for someone outside the org.
    case notOrgMember(org: String)
    /// Not refused, not done: filed as request `id` for a second person (`approval.required-for`).
    case awaitingApproval(request: Int64, hours: Int)
    /// Approving or rejecting one's own request.
    case ownRequest
    /// Approving or rejecting a request through an API key.
    case apiKeyCannotApprove
    /// The request was already approved, rejected, or has expired (named).
    case requestSettled(String)
    /// A change the two-person rule covers, asked for where no request can be filed (an import line).
    case needsSecondPerson(String)
    /// A request about the deciding person's own account.
    case requestAboutYou
    /// A review whose members changed since it started (named): submitting it would decide on stale facts.
    case reviewOutOfDate(String)

    public var message: String {
        switch self {
        case .readOnlyActor:
            return "Read-only accounts can't change anything. Ask an administrator."
        case .notPermitted(let action):
            return "Your role may not \(action.verb) this user. Ask an accounts admin or an org admin of one of their organizations."
        case .orgNotPermitted(let action):
            return "Your role may not \(action.verb). Ask an operations admin or an administrator."
        case .outranked(let target?):
            return "You may not change a user whose system role (\(target.title)) ranks above yours."
        case .outranked(nil):
            return "You may not change this user: their system role ranks above yours."
        case .hidden(let answer):
            return answer.message
        case .cannotGrantAbove(let role):
            return "You may not grant the role \(role.title): it ranks above your own."
        case .selfChange(.resetPassword):
            return "You may not reset your own password this way: change it with `roster passwd`, which asks for the current one."
        case .selfChange(.elevate):
            return "You may not elevate your own account: another person who may grant the role must do it."
        case .selfChange(let action):
            return "You may not \(action.verb) your own account. Ask another administrator."
        case .lastAdministrator:
            return "This is the last active administrator; make another user an administrator first."
        case .lastOrgAdmin(let org):
            return "This user is the last active org admin of \(org); make another member org admin first."
        case .orgUserLimit(let org, let kind, let limit):
            return "\(org) already has its limit of \(limit) \(kind.title.lowercased()) account(s). Raise the limit or remove a member first."
        case .orgLocked(let org):
            return "\(org) is locked; unlock it before changing it."
        case .mfaRequiredSystemWide:
            return "MFA is required system-wide, so it can't be turned off for anyone."
        case .administratorsOnly(let what):
            return "Only administrators may \(what)."
        case .actorUnavailable:
            return "Your account has been deactivated, locked or deleted since you signed in. Sign in again, or ask an administrator."
        case .notVisible(let what):
            return "You may not view \(what.noun) of this user: your role sees only yourself and the members of orgs you administer. Ask an accounts admin."
        case .cannotView(let what):
            return "Your role may not view \(what.noun). Ask an operations admin or an administrator."
        case .pendingStep(let step):
            return step.instruction
        case .ownRequirement:
            return "You may not lift a requirement set on your own account (password change, MFA enrollment, terms); do what it asks, or ask an administrator."

        case .reauthenticationRequired(let minutes):
            return "Confirm it's you first: this needs a password or code given in the last \(minutes) minutes. "
                + "The console asks for it; from the command line run `roster sudo`, then try again."
        case .alreadyHolds(let role):
            return "They already hold \(role); an elevation lends only a higher role."
        case .elevationTooLong(let hours):
            return "An elevation may last at most \(hours) hour\(hours == 1 ? "" : "s") (setting elevation.max-hours); ask for less."
        case .notOrgMember(let org):
            return "They are not a member of \(org); add them to it first."
        case .awaitingApproval(let id, let hours):
            return "This needs a second person: it is request #\(id) now, waiting for someone else who may do it to approve it "
                + "(`roster approvals approve \(id)`, or the Approvals screen) within \(hours) hour\(hours == 1 ? "" : "s")."
        case .needsSecondPerson(let what):
            return "A second person must approve \(what)."
        case .requestAboutYou:
            return "This request is about your own account: another person decides it."
        case .reviewOutOfDate(let what):
            return "\(what) since the review started; nothing was applied. Start a new review (`roster reviews start`)."
        case .ownRequest:
            return "You may not approve your own request; another person who may do it must."
        case .apiKeyCannotApprove:
            return "API keys can't approve or reject requests: the second person signs in with `roster login`."
        case .requestSettled(let state):
            return "That request is \(state) already; nothing was done. Ask again if it is still needed."
        case .apiKeyCannotManageCredentials:
            return "API keys can't read or change passwords, MFA, recovery codes or keys. Sign in with `roster login` instead."
        case .apiKeyCannotGrantPower:
            return "API keys can't grant power (a system role above Standard user, or org admin). Sign in with `roster login` to grant it."
        case .apiKeyCannotChangeSettings:
            return "API keys can't change system settings: they set the rules keys are held to. Sign in with `roster login` instead."
        case .apiKeyCannotSetPassword:
            return "Through an API key a new account gets no password: send it a link to set one (--send-link), or sign in with `roster login`."
        }
    }

    /// A short code for the audit trail and JSON output.
    public var code: String {
        switch self {
        case .readOnlyActor: "read-only-actor"
        case .notPermitted: "not-permitted"
        case .orgNotPermitted: "org-not-permitted"
        case .outranked: "outranked"
        case .cannotGrantAbove: "cannot-grant-above"
        case .selfChange: "self-change"
        case .lastAdministrator: "last-administrator"
        case .lastOrgAdmin: "last-org-admin"
        case .orgUserLimit: "org-user-limit"
        case .orgLocked: "org-locked"
        case .mfaRequiredSystemWide: "mfa-required"
        case .administratorsOnly: "administrators-only"
        case .actorUnavailable: "actor-unavailable"
        case .notVisible, .hidden: "not-visible"
        case .cannotView: "cannot-view"
        case .apiKeyCannotManageCredentials: "api-key-credentials"
        case .apiKeyCannotGrantPower: "api-key-grant"
        case .apiKeyCannotSetPassword: "api-key-password"
        case .apiKeyCannotChangeSettings: "api-key-settings"
        case .pendingStep(let step): "pending-\(step.rawValue)"
        case .ownRequirement: "own-requirement"
        case .reauthenticationRequired: "reauthentication-required"
        case .alreadyHolds: "already-holds"
        case .elevationTooLong: "elevation-too-long"
        case .notOrgMember: "not-org-member"
        case .awaitingApproval: "awaiting-approval"
        case .ownRequest: "own-request"
        case .apiKeyCannotApprove: "api-key-approve"
        case .requestSettled: "request-settled"
        case .reviewOutOfDate: "review-out-of-date"
        case .needsSecondPerson: "needs-second-person"
        case .requestAboutYou: "request-about-you"
        }
    }
}

extension Denial {
    /// Sudo mode: the person must give their password or code, then may try again.
    public var asksToConfirm: Bool {
        if case .reauthenticationRequired = self { return true }
        return false
    }

    /// About the operator, not the target: every further action would be refused the same way.
    public var stopsTheOperator: Bool {
        switch self {
        case .reauthenticationRequired, .actorUnavailable, .pendingStep, .readOnlyActor: true
        default: false
        }
    }
}

extension Denial {
    /// What the actor is told: the denial, or for something hidden, the error the same request
    /// about something that doesn't exist would give.
    public var answer: any Error {
        if case .hidden(let error) = self { return error }
        return self
    }
}

extension Result where Failure == Denial {
    /// The denial of a failed result; `.actorUnavailable` for a success, which callers never ask.
    var denial: Denial {
        if case .failure(let denial) = self { return denial }
        return .actorUnavailable
    }
}
