import RosterCore

/// What a yes runs on the users screen (table, drawer, create form): each carries the
/// user's version as read, so a change made meanwhile by someone else is refused instead of
/// applied on top (ending sessions, which are not part of the account record, goes ahead
/// whatever changed).
public enum UserConfirmation: Equatable, Sendable {
    /// One user's change, refused if they changed since `expectedVersion`.
    case change(BulkAction, UserID, expectedVersion: Int?)
    /// Deleting one user for good.
    case delete(UserID, expectedVersion: Int?)
    /// A bulk action on the marked users, `count` of them when confirmed.
    case bulk(BulkAction, count: Int)
    /// Something handed to the operator or mailed (a temporary password, a link, a key).
    case task(UserTask, UserID)
    /// Creating a user.
    case create(NewUser)
    /// Revoking one API key, or ending one session, of a user.
    case revokeKey(Int64, UserID)
    case endSession(Int64, UserID)
    /// Editing one user's record, refused if they changed since `expectedVersion`.
    case edit(UserEdit, UserID, expectedVersion: Int?)

    /// The change it confirms; nil for the others, which are not bulk actions.
    public var change: BulkAction? {
        switch self {
        case .change(let action, _, _), .bulk(let action, _): action
        case .delete, .task, .create, .edit, .revokeKey, .endSession: nil
        }
    }
}

extension ConfirmDialog where Confirms == UserConfirmation {
    /// The bulk action a users-screen dialog confirms, if it is one.
    public var change: BulkAction? { confirms.change }
}
