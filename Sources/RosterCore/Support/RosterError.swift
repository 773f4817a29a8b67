import Foundation

/// An error a person can act on: says what happened and what to do next.
///
/// Messages may quote user-supplied text as is; whoever prints or draws them passes them
/// through the terminal sanitizer (RosterTerminal's `TextSanitizer`), like any other data.
public protocol HumanReadableError: Error, CustomStringConvertible {
    /// One or two sentences for an operator, never a Swift dump.
    var message: String { get }
}

extension HumanReadableError {
    public var description: String { message }
}

/// Everything that can go wrong in RosterCore other than a policy denial.
public enum RosterError: HumanReadableError, Equatable {
    case invalidEmail(String)
    case emptyField(String)
    case fieldTooLong(String, max: Int)
    case forbiddenCharacter(field: String, codePoint: String)
    case duplicateEmail(String)
    case duplicateOrgName(String)
    case duplicateGroupName(String)
    case unknownValue(kind: String, value: String, allowed: [String])
    case userNotFound(String)
    case orgNotFound(String)
    case groupNotFound(String)
    case sessionNotFound
    /// An API key, SSH key, IP rule, reset link or outbox message id that names nothing.
    case notFound(kind: String, reference: String, hint: String)
    case notAMember(user: String, org: String)
    case alreadyMember(user: String, org: String)
    case changedBySomeoneElse(String)
    case weakPassword(String)
    case signInFailed
    case notSignedIn
    case sessionExpired
    /// The session behind the token ended, and why.
    case sessionEnded(SessionEndReason)
    case alreadyInitialized
    case invalidSetting(key: String, reason: String)
    case unchanged(String)
    case database(DatabaseProblem)
    case keyFile(KeyFileProblem)
    case invalidCode
    case mfaNotEnrolled
    case mfaAlreadyEnabled
    case mfaCodeRequired
    /// Over SSH with `ssh.key-alone` off: the key is not enough, the password is asked too.
    case passwordRequired
    case tokenInvalid
    case apiKeyInvalid
    case apiKeyReadOnly
    case wrongCurrentPassword

    public var message: String {
        switch self {
        case .invalidEmail(let email):
            return "“\(email)” is not a valid email address. Use the form name@example.com."
        case .emptyField(let field):
            return "\(field) must not be empty."
        case .forbiddenCharacter(let field, let codePoint):
            return "\(field) contains \(codePoint), a control or direction character that doesn't belong in a name. Remove it and try again."
        case .fieldTooLong(let field, let max):
            return "\(field) is too long; use at most \(max) characters."
        case .duplicateEmail(let email):
            return "A user with the email \(email) already exists. Emails are unique regardless of case."
        case .duplicateOrgName(let name):
            return "An organization named “\(name)” already exists. Choose another name."
        case .duplicateGroupName(let name):
            return "This organization already has a group named “\(name)”. Choose another name."
        case .unknownValue(let kind, let value, let allowed):
            return "Unknown \(kind) “\(value)”. Use one of: \(allowed.joined(separator: ", "))."
        case .userNotFound(let ref):
            return "No user matches “\(ref)”. Check the email or id with `roster users list --filter`."
        case .orgNotFound(let ref):
            return "No organization matches “\(ref)”. List them with `roster orgs list`."
        case .groupNotFound(let ref):
            return "No group matches “\(ref)” in that organization."
        case .notFound(let kind, let reference, let hint):
            return "No \(kind) \(reference). \(hint)"
        case .sessionNotFound:
            return "That session does not exist or has already ended."
        case .notAMember(let user, let org):
            return "\(user) is not a member of \(org)."
        case .alreadyMember(let user, let org):
            return "\(user) is already a member of \(org); change their org role instead."
        case .changedBySomeoneElse(let what):
            return "\(what) was changed by someone else since you loaded it. Reload and try again."
        case .weakPassword(let reason):
            return "Password not accepted: \(reason)"
        case .signInFailed:
            return "Email or password is incorrect, or the account cannot sign in."
        case .notSignedIn:
            return "You are not signed in. Run `roster login --email you@example.com` first, or set ROSTER_API_KEY."
        case .sessionExpired:
            return "Your session has ended. Run `roster login` again."
        case .wrongCurrentPassword:
            return "The current password is not right; nothing was changed. Type your current password, not the new one."
        case .sessionEnded(let reason):
            return reason.message
        case .alreadyInitialized:
            return "This database already has users. Sign in with `roster login`, or use `roster recover EMAIL` if no administrator can."
        case .invalidSetting(let key, let reason):
            return "Setting \(key): \(reason)"
        case .unchanged(let what):
            return "Nothing to change: \(what)"
        case .database(let problem):
            return problem.message
        case .keyFile(let problem):
            return problem.message
        case .invalidCode:
            return "That code is not valid. Codes are 6 digits, change every 30 seconds, and work once; try the next one."
        case .mfaNotEnrolled:
            return "MFA is not set up for this account. Start with `roster mfa enroll`."
        case .mfaAlreadyEnabled:
            return "MFA is already on for this account. Reset it first to enroll a new device."
        case .mfaCodeRequired:
            return "This account uses MFA: give the 6-digit code from the authenticator app (--code), or a recovery code."
        case .passwordRequired:
            return "This account's password is needed as well as its key. Connect with `ssh -t` so roster can ask for it."
        case .tokenInvalid:
            return "This reset link is invalid, expired, cancelled or already used. Ask an administrator for a new one."
        case .apiKeyInvalid:
            return "The API key is invalid, expired or revoked. Create a new one with `roster keys create`."
        case .apiKeyReadOnly:
            return "This API key may only read. Use a read-write key for changes."
        }
    }
}

/// Why the database file could not be used.
public enum DatabaseProblem: Equatable, Sendable {
    case isDirectory(String)
    case unreadable(String)
    case notADatabase(String)
    case corrupt(String)
    case newerSchema(String)
    case locked(String)
    case cannotCreate(String, reason: String)
    /// The audit trail can't be continued: a change would extend a trail that doesn't hold.
    case auditTrailBroken(row: Int64, reason: String)
    /// A PostgreSQL address libpq can't read.
    case badAddress(reason: String)
    /// A PostgreSQL address holding a password, which would show in `ps` and shell history.
    case passwordInAddress
    /// The PostgreSQL server could not be reached or refused the connection.
    case unreachable(String, reason: String)
    /// libpq, which only a PostgreSQL address needs, could not be opened.
    case clientLibraryMissing(reason: String)
    /// This host's key file is not the one the database was set up with.
    case wrongKeyFile(String)
    /// The operation exists for one backend only.
    case notOnThisBackend(String)
    case other(String)

    public var message: String {
        switch self {
        case .isDirectory(let path):
            return "\(path) is a directory. Pass a file path with --db (for example --db \(path)/roster.sqlite)."
        case .unreadable(let path):
            return "Cannot read \(path): permission denied. Check the file's owner and mode, or choose another file with --db."
        case .notADatabase(let path):
            return "\(path) is not a Roster database (not an SQLite file). Check the path, or restore it from a backup."
        case .corrupt(let path):
            return "\(path) is damaged (SQLite reports corruption). Restore it from a backup; nothing was written."
        case .newerSchema(let path):
            return "\(path) was written by a newer version of roster. Upgrade roster to use it; nothing was changed."
        case .locked(let path):
            return "\(path) is busy: another roster is writing to it. Try again in a moment."
        case .cannotCreate(let path, let reason):
            return "Cannot create a database at \(path): \(reason). Choose another location with --db or ROSTER_DB."
        case .auditTrailBroken(let row, let reason):
            return "The audit trail is broken at row \(row): \(reason). Nothing was changed. "
                + "Run `roster audit verify`, then restore the database and its key file from a backup."
        case .badAddress(let reason):
            return "The PostgreSQL address can't be read: \(reason). Use postgresql://user@host/dbname or host=… dbname=…"
        case .passwordInAddress:
            return "A password in the database address would show in `ps` and shell history; refused. "
                + "Remove it and give it in ~/.pgpass (host:port:dbname:user:password, mode 0600), "
                + "or in a service file (PGSERVICEFILE, with service=NAME in the address)."
        case .unreachable(let address, let reason):
            return "Cannot connect to \(address): \(reason). Check the address, that the server runs, and ~/.pgpass; nothing was changed."
        case .clientLibraryMissing(let reason):
            return "A PostgreSQL address needs libpq, PostgreSQL's client library, which could not be loaded (\(reason)). "
                + "Install it (Debian: apt-get install libpq5), or use an SQLite file; nothing was changed."
        case .wrongKeyFile(let which):
            return "The key file \(which) is not the one this database was set up with; refused, nothing was written. "
                + "Copy the key file from a host already using this database (every host needs the same one)."
        case .notOnThisBackend(let detail):
            return detail
        case .other(let detail):
            return "Database error: \(detail)"
        }
    }
}
