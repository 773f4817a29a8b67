import Foundation

/// Users, as services see them. One store per aggregate, so every backend (SQLite,
/// PostgreSQL) implements the same protocols and services never know which one they talk to.
public protocol UserStore {
    func find(_ id: UserID) throws -> User?
    func find(email: Email) throws -> User?
    /// Inserts a new user; `draft.id` and `draft.version` are ignored and assigned.
    func insert(_ draft: User) throws -> User
    /// Inserts new users in order, as `insert` does each (an import; see BatchWrites).
    func insert(_ drafts: [User]) throws -> [User]
    /// The users with these emails, those that exist, in no particular order.
    func find(emails: [Email]) throws -> [User]
    /// Writes `user` if its stored version is still `expectedVersion`; returns it with the version bumped.
    func update(_ user: User, expectedVersion: Int) throws -> User
    func delete(_ id: UserID) throws
    func countActiveAdministrators() throws -> Int
    /// How many users `visibility` includes match `filter` (all of them when nil); with
    /// `limit`, a count may stop past it (then it returns more than `limit`, not the count).
    func count(matching filter: String?, visibleTo visibility: UserVisibility, limit: Int?) throws -> Int
    /// One page of the users `visibility` includes; hidden users are never read.
    func page(_ query: UserQuery, visibleTo visibility: UserVisibility) throws -> UserPage
    /// These users' list rows, in `sort` order (missing ids are left out). Unchecked: callers filter by visibility.
    func rows(_ ids: [UserID], sort: UserSort) throws -> [UserRow]
    /// Up to `limit` of the users `visibility` includes that match `selection`, in `sort`
    /// order after `cursor`, with their names and memberships (exports, filtered lists).
    func select(_ selection: UserSelection, visibleTo visibility: UserVisibility, sort: UserSort,
                after cursor: UserCursor?, limit: Int, now: Date) throws -> [ExportedUser]
    /// Every user `visibility` includes that matches `selection`, in `sort` order, handed to
    /// `page` `pageSize` at a time, as `select` reads them (exports: see BatchWrites).
    func each(_ selection: UserSelection, visibleTo visibility: UserVisibility, sort: UserSort, pageSize: Int, now: Date,
              _ page: ([ExportedUser]) throws -> Void) throws
    /// How many of the users `visibility` includes match `selection`.
    func count(_ selection: UserSelection, visibleTo visibility: UserVisibility, now: Date) throws -> Int
    /// The user's avatar without its bytes (size and preview), if one is set.
    func avatar(of user: UserID) throws -> Avatar?
    /// Sets or replaces the user's avatar.
    func saveAvatar(_ image: AvatarImage, for user: UserID, at: Date, by: String) throws
    /// Removes the user's avatar; false when there was none.
    func deleteAvatar(of user: UserID) throws -> Bool
    /// Runs `body`, which writes many users in this transaction, with the per-user counting
    /// of their strings of one to three characters (SearchGrams) deferred to its end and done in
    /// memory: an import of 100,000 users would otherwise spend seconds in it.
    func deferringSearchGrams<T>(_ body: () throws -> T) throws -> T
    /// Runs `body`, which inserts `newUsers` users and writes many rows besides in this
    /// transaction (an import), reading back nothing it wrote: as `deferringSearchGrams`, and
    /// the backend may overlap its writing with `body`'s work (see BatchWrites).
    func writingMany<T>(newUsers: Int, _ body: () throws -> T) throws -> T
}

/// Organizations, memberships and groups.
public protocol OrgStore {
    func find(_ id: OrgID) throws -> Org?
    func find(name: String) throws -> Org?
    func all() throws -> [Org]
    func insert(name: String, at: Date) throws -> Org
    func update(_ org: Org, expectedVersion: Int) throws -> Org
    func delete(_ id: OrgID) throws
    func membership(of user: UserID, in org: OrgID) throws -> Membership?
    func memberships(of user: UserID) throws -> [MembershipDetail]
    func orgRoles(of user: UserID) throws -> [OrgID: OrgRole]
    /// `orgRoles(of:)` for each of `users` (those with none are left out).
    func orgRoles(of users: [UserID]) throws -> [UserID: [OrgID: OrgRole]]
    /// An org's members in name order.
    func members(of org: OrgID) throws -> [OrgMember]
    func save(_ membership: Membership) throws
    /// Saves each membership as `save` does.
    func save(_ memberships: [Membership]) throws
    func removeMembership(of user: UserID, from org: OrgID) throws
    func countActiveOrgAdmins(of org: OrgID) throws -> Int
    func headcount(of org: OrgID) throws -> OrgHeadcount
    func memberCount(of org: OrgID) throws -> Int
}

/// User groups inside organizations.
public protocol GroupStore {
    func find(_ id: GroupID) throws -> UserGroup?
    func find(name: String, in org: OrgID) throws -> UserGroup?
    func all(in org: OrgID?) throws -> [UserGroup]
    func insert(name: String, org: OrgID, at: Date) throws -> UserGroup
    func rename(_ id: GroupID, to name: String) throws
    func delete(_ id: GroupID) throws
    func members(of group: GroupID) throws -> [UserID]
    func addMember(_ user: UserID, to group: GroupID) throws -> Bool
    func removeMember(_ user: UserID, from group: GroupID) throws -> Bool
    func removeMember(_ user: UserID, fromGroupsOf org: OrgID) throws
}

/// Sign-in sessions and the IP allow rules tied to them.
public protocol SessionStore {
    /// Opens a session; `sshKey` is the fingerprint of the SSH key it signed in with, if any.
    func insert(user: UserID, tokenHash: String, at: Date, ip: String?, client: String?, sshKey: String?) throws -> Session
    func find(tokenHash: String) throws -> Session?
    func find(_ id: SessionID) throws -> Session?
    func active(for user: UserID) throws -> [Session]
    func touch(_ id: SessionID, at: Date) throws
    /// The person proved again it was them (`sudo`).
    func reauthenticated(_ id: SessionID, at: Date) throws
    func end(_ id: SessionID, at: Date, reason: String) throws
    /// Ends every open session of `user`; returns how many.
    func endAll(for user: UserID, at: Date, reason: String) throws -> Int
    /// Ends every open session that signed in with this SSH key; returns how many.
    func endAll(signedInWith sshKey: String, at: Date, reason: String) throws -> Int
    func addIPRule(_ cidr: String, for user: UserID, at: Date) throws -> IPRule
    func ipRules(for user: UserID) throws -> [IPRule]
    /// Failed sign-ins counted for one source address, if any.
    func signInSource(_ source: String) throws -> SignInSource?
    func saveSignInSource(_ source: SignInSource) throws
    /// Removes one rule of `user`; false when there is no such rule.
    func removeIPRule(_ id: Int64, of user: UserID) throws -> Bool
    /// Removes every IP rule of `user`; returns how many.
    func removeIPRules(for user: UserID) throws -> Int
}

/// The append-only, hash-chained audit trail.
public protocol AuditStore {
    func append(_ event: AuditEvent, by actor: Actor, at: Date) throws -> AuditEntry
    /// Appends each event in order, as `append` does.
    func append(_ events: [AuditEvent], by actor: Actor, at: Date) throws -> [AuditEntry]
    func last() throws -> AuditEntry?
    /// Newest first; with `target`, rows by or about that user; only rows `visibility` includes.
    func recent(limit: Int, target: UserID?, visibleTo visibility: AuditVisibility) throws -> [AuditEntry]
    /// The rows `query` selects among those `visibility` allows, newest first.
    func entries(_ query: AuditQuery, visibleTo visibility: AuditVisibility) throws -> [AuditEntry]
    /// Walks the chain; with `head`, also proves that row is still there, unchanged.
    func verify(head: AuditHead?) throws -> AuditVerification
    /// The row that started the keyed chain after old rows, if the trail has one.
    func chainUpgrade() throws -> AuditEntry?
}

/// System settings as key/value text.
public protocol SettingsStore {
    func value(for key: String) throws -> String?
    /// Every stored value, in one read (settings are read on every call).
    func all() throws -> [String: String]
    func set(_ value: String, for key: String) throws
}

/// Roles lent for a while (`Elevation`).
public protocol ElevationStore {
    /// Stores a new elevation; `draft.id` is ignored and assigned.
    func insert(_ draft: Elevation) throws -> Elevation
    func find(_ id: ElevationID) throws -> Elevation?
    /// The user's elevations not yet closed: active ones, and any whose time is up but whose
    /// end the trail hasn't recorded yet.
    func open(for user: UserID) throws -> [Elevation]
    /// Open elevations whose time is up at `now` (their end not yet recorded).
    func lapsed(at now: Date) throws -> [Elevation]
    /// The users holding an elevation at `now`.
    func activeUsers(at now: Date) throws -> Set<UserID>
    /// Newest first, at most `limit`; with `user`, theirs only; with `activeAt`, only those active then.
    func list(user: UserID?, activeAt: Date?, limit: Int) throws -> [Elevation]
    /// Stops counting `id`: ended early (`endedBy` names who) or its time recorded as up (nil).
    func close(_ id: ElevationID, at: Date, endedBy: String?) throws
}

/// Changes waiting for a second person (`ApprovalRequest`).
public protocol ApprovalStore {
    /// Stores a new request; `draft.id` is ignored and assigned.
    func insert(_ draft: ApprovalRequest) throws -> ApprovalRequest
    func find(_ id: ApprovalID) throws -> ApprovalRequest?
    /// Newest first, at most `limit`; with `openAt`, only those pending and not expired then.
    func list(openAt: Date?, limit: Int) throws -> [ApprovalRequest]
    /// Settles a pending request; false when it was no longer pending (someone else settled it).
    func decide(_ id: ApprovalID, state: ApprovalRequest.State, by: String, at: Date, outcome: String) throws -> Bool
    /// How many are pending and not expired at `now`, leaving out those `requester` asked for.
    func countOpen(at now: Date, notRequestedBy requester: UserID?) throws -> Int
}

/// Access reviews of orgs and their members' decisions.
public protocol ReviewStore {
    /// Stores a new review with its members; ids are assigned.
    func insert(_ review: AccessReview, items: [ReviewItem]) throws -> ReviewSheet
    func find(_ id: ReviewID) throws -> AccessReview?
    /// The org's review not yet submitted, if one is open.
    func open(in org: OrgID) throws -> AccessReview?
    /// Newest first; with `org`, that org's only.
    func list(org: OrgID?, limit: Int) throws -> [AccessReview]
    /// A review's members, in the order they were listed.
    func items(of review: ReviewID) throws -> [ReviewItem]
    func updateItem(_ item: ReviewItem) throws
    /// Marks an open review submitted; false when it was no longer open.
    func submit(_ id: ReviewID, by: String, at: Date) throws -> Bool
}

/// All stores bound to one transaction.
public struct StoreTransaction {
    public var users: any UserStore
    public var orgs: any OrgStore
    public var groups: any GroupStore
    public var sessions: any SessionStore
    public var audit: any AuditStore
    public var settings: any SettingsStore
    public var credentials: any CredentialStore
    public var outbox: any OutboxStore
    public var elevations: any ElevationStore
    public var approvals: any ApprovalStore
    public var reviews: any ReviewStore
}

/// A storage backend: opens transactions over the stores, and offers the few things above
/// single transactions that the console and the CLI need (change watching, backup, bulk
/// loading). Every write is one transaction that can't interleave with another writer's
/// checks (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: one lock per write).
public protocol Stores: Sendable {
    func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T
    func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T

    /// The same data, with every write rolled back at its end (`--dry-run`); the refusals and
    /// failures a dry run meets are still recorded.
    func rollingBack() -> any Stores

    /// Starts keeping what makes a console's filters fast (SQLite: the name order in memory).
    /// One-shot commands never call it and never pay for it.
    func prepareForConsole()

    /// Work a console's first filter would otherwise wait for, done once its first page has been
    /// read, while a person reads it, never on the way to it (PostgreSQL: the sample of the table
    /// its filters plan by). `reader` is asked in the same transaction, first, whether the
    /// operator (re-read) still sees everyone; nothing is read when not. Blocks until done;
    /// errors are the filter's to meet again, so none is thrown.
    func prepareForFilters(for reader: (StoreTransaction) throws -> Bool)

    /// Something to ask, cheaply and often, whether anyone committed a change; nil when nobody
    /// else can write (an in-memory database).
    func changeWatcher() throws -> (any ChangeWatching)?

    /// A consistent copy at one instant, checked, written to `destination` (`roster backup`).
    func backup(to destination: String) throws -> BackupCheck

    /// Writes many new users at once, without audit rows or password hashes (the demo's
    /// million people): `body` hands each batch to `load`, one transaction a batch.
    func bulkLoad(_ body: (_ load: ([BulkUser]) throws -> Void) throws -> Void) throws

    /// What a restore check reports, read in one snapshot without changing anything: the
    /// engine's integrity check, the audit chain, counts and the newest migration.
    /// `path` only names the data in the report.
    func inspect(path: String) throws -> BackupCheck

    /// How many users there are, all of them (the demo refuses a database that has some).
    func totalUsers() throws -> Int

    /// What an operator should fix, said at start (a database file other accounts can read).
    var warnings: [String] { get }
}

/// Tells whether anyone committed a change since the last look.
public protocol ChangeWatching: Sendable {
    /// A number that changes whenever anyone commits.
    func version() throws -> Int
}

/// A user written by `Stores.bulkLoad`, with their memberships.
public struct BulkUser: Sendable {
    public var email: String
    public var firstName: String
    public var lastName: String
    public var kind: AccountKind
    public var systemRole: SystemRole
    public var status: AccountStatus
    public var lockedByAdmin: Bool
    public var mfaEnabled: Bool
    public var createdAt: Date
    public var lastSignInAt: Date?
    public var memberships: [(org: OrgID, role: OrgRole)]
}

extension Stores {
    /// Runs a write whose body may end in a policy denial: the denial's audit row is
    /// committed, then the denial is thrown. Throwing inside would roll the row back.
    public func writeAudited<T>(_ body: (StoreTransaction) throws -> Result<T, Denial>) throws -> T {
        switch try write(body) {
        case .success(let value): return value
        case .failure(let denial): throw denial.answer
        }
    }
}

/// MFA secrets, recovery codes, reset links and API keys.
public protocol CredentialStore {
    func totp(for user: UserID) throws -> TOTPCredential?
    func saveTOTP(_ credential: TOTPCredential) throws
    func deleteTOTP(for user: UserID) throws
    func recoveryCodes(for user: UserID) throws -> [RecoveryCode]
    func replaceRecoveryCodes(for user: UserID, hashes: [String], at: Date) throws
    func markRecoveryCodeUsed(_ id: Int64, at: Date) throws
    func deleteRecoveryCodes(for user: UserID) throws -> Int
    func insertReset(_ reset: PasswordReset) throws -> PasswordReset
    /// Inserts each link in order, as `insertReset` does.
    func insertResets(_ resets: [PasswordReset]) throws -> [PasswordReset]
    func reset(tokenHash: String) throws -> PasswordReset?
    func reset(_ id: Int64) throws -> PasswordReset?
    func pendingResets(for user: UserID?, at now: Date) throws -> [PasswordReset]
    func updateReset(_ reset: PasswordReset) throws
    func cancelPendingResets(for user: UserID, at now: Date) throws -> Int
    func insertAPIKey(_ key: APIKey) throws -> APIKey
    func apiKey(prefix: String) throws -> APIKey?
    func apiKey(_ id: Int64) throws -> APIKey?
    func apiKeys(for user: UserID) throws -> [APIKey]
    func updateAPIKey(_ key: APIKey) throws
    func revokeAPIKeys(for user: UserID, at now: Date) throws -> Int
    func countTOTPSecrets() throws -> Int
    func insertSSHKey(_ key: SSHKey) throws -> SSHKey
    func sshKey(_ id: Int64) throws -> SSHKey?
    func sshKey(fingerprint: String) throws -> SSHKey?
    func sshKeys(for user: UserID) throws -> [SSHKey]
    func deleteSSHKey(_ id: Int64) throws
    /// Removes every SSH key of `user`; returns how many.
    func deleteSSHKeys(for user: UserID) throws -> Int
    func touchSSHKey(_ id: Int64, at: Date) throws
}

/// The mail outbox.
public protocol OutboxStore {
    func enqueue(_ message: OutboxMessage) throws -> OutboxMessage
    /// Queues each message in order, as `enqueue` does.
    func enqueue(_ messages: [OutboxMessage]) throws -> [OutboxMessage]
    func find(_ id: Int64) throws -> OutboxMessage?
    func due(at now: Date, limit: Int) throws -> [OutboxMessage]
    func update(_ message: OutboxMessage) throws
    func recent(limit: Int) throws -> [OutboxMessage]
    /// Forgets the sealed tokens of messages created before `date`.
    func dropTokens(olderThan date: Date) throws
}
