import RosterCore
import RosterTerminal

/// What a key does on the users table.
public enum UsersAction: Equatable, Sendable {
    case move(Int)
    case page(Int)
    case first
    case last
    case beginFilter
    case sortNext
    case sortReverse
    case refresh
    /// Open the detail drawer on the selected user.
    case open
    /// Mark or unmark the selected user.
    case mark
    /// Mark every user matching the filter, or clear the marks.
    case markAll
    /// List only users with no sign-in for some days (asks how many), or everyone again.
    case dormant
    /// Write the marked users to a CSV file.
    case export
    /// Take an action on every marked user.
    case bulk(BulkAction)
    /// Create a user.
    case create
}

/// What a key does while typing in the filter.
public enum FilterAction: Equatable, Sendable {
    case keep
    case clear
    case erase
    case eraseAll
    case move(Int)
}

extension UsersAction {
    public static let keymap = Keymap<UsersAction>("Users", id: "users", [
        Binding(id: "down", ["j", .down], "down", footer: true, .move(1)),
        Binding(id: "up", ["k", .up], "up", .move(-1)),
        Binding(id: "page-down", [.pageDown, .control("f")], "page down", .page(1)),
        Binding(id: "page-up", [.pageUp, .control("b")], "page up", .page(-1)),
        Binding(id: "first-user", ["g", .home], "first user", .first),
        Binding(id: "last-user", ["G", .end], "last user", .last),
        Binding(id: "details", [.enter], "details", footer: true, .open),
        Binding(id: "new-user", ["n"], "new user", .create),
        Binding(id: "filter", ["/"], "filter", footer: true, .beginFilter),
        Binding(id: "sort", ["s"], "sort by next column", short: "sort", footer: true, .sortNext),
        Binding(id: "reverse-sort", ["S"], "reverse sort", .sortReverse),
        Binding(id: "reload", ["r", .control("l")], "reload", .refresh),
        Binding(id: "mark-or-unmark-move-down", [" "], "mark or unmark, move down", .mark),
        Binding(id: "mark-all-matching-none", ["*"], "mark all matching/none", .markAll),
        Binding(id: "dormant", ["z"], "dormant only (toggles)", short: "dormant", .dormant),
        Binding(id: "lock-marked-users", ["L"], "lock marked users", .bulk(.lock)),
        Binding(id: "unlock-marked-users", ["U"], "unlock marked users", .bulk(.unlock)),
        Binding(id: "deactivate-marked-users", ["D"], "deactivate marked users", .bulk(.deactivate)),
        Binding(id: "reactivate-marked-users", ["A"], "reactivate marked users", .bulk(.reactivate)),
        Binding(id: "end-marked-sessions", ["E"], "end marked sessions", .bulk(.endSessions)),
        Binding(id: "marked-change-password", ["P"], "marked: change password", .bulk(.requirePasswordChange)),
        Binding(id: "reset-marked-users-mfa", ["M"], "reset marked users' MFA", .bulk(.resetMFA)),
        Binding(id: "export", ["x"], "export marked (CSV file)", short: "export", .export),
    ])
}

extension FilterAction {
    public static let keymap = Keymap<FilterAction>("Filter", id: "filter", [
        Binding(id: "keep-filter", [.enter], "keep filter", footer: true, .keep),
        Binding(id: "clear-filter", [.escape], "clear filter", footer: true, .clear),
        Binding(id: "erase-a-character", [.backspace], "erase a character", .erase),
        Binding(id: "erase-the-filter", [.control("u")], "erase the filter", .eraseAll),
        Binding(id: "down", [.down], "down", .move(1)),
        Binding(id: "up", [.up], "up", .move(-1)),
    ])
}
