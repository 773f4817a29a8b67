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
    public static let keymap = Keymap<UsersAction>("Users", [
        Binding(["j", .down], "down", footer: true, .move(1)),
        Binding(["k", .up], "up", .move(-1)),
        Binding([.pageDown, .control("f")], "page down", .page(1)),
        Binding([.pageUp, .control("b")], "page up", .page(-1)),
        Binding(["g", .home], "first user", .first),
        Binding(["G", .end], "last user", .last),
        Binding([.enter], "details", footer: true, .open),
        Binding(["n"], "new user", .create),
        Binding(["/"], "filter", footer: true, .beginFilter),
        Binding(["s"], "sort by next column", short: "sort", footer: true, .sortNext),
        Binding(["S"], "reverse sort", .sortReverse),
        Binding(["r", .control("l")], "reload", .refresh),
        Binding([" "], "mark or unmark, move down", .mark),
        Binding(["*"], "mark all matching/none", .markAll),
        Binding(["z"], "dormant only (toggles)", short: "dormant", .dormant),
        Binding(["L"], "lock marked users", .bulk(.lock)),
        Binding(["U"], "unlock marked users", .bulk(.unlock)),
        Binding(["D"], "deactivate marked users", .bulk(.deactivate)),
        Binding(["A"], "reactivate marked users", .bulk(.reactivate)),
        Binding(["E"], "end marked sessions", .bulk(.endSessions)),
        Binding(["P"], "marked: change password", .bulk(.requirePasswordChange)),
        Binding(["M"], "reset marked users' MFA", .bulk(.resetMFA)),
        Binding(["x"], "export marked (CSV file)", short: "export", .export),
    ])
}

extension FilterAction {
    public static let keymap = Keymap<FilterAction>("Filter", [
        Binding([.enter], "keep filter", footer: true, .keep),
        Binding([.escape], "clear filter", footer: true, .clear),
        Binding([.backspace], "erase a character", .erase),
        Binding([.control("u")], "erase the filter", .eraseAll),
        Binding([.down], "down", .move(1)),
        Binding([.up], "up", .move(-1)),
    ])
}
