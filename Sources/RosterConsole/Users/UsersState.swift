import RosterCore

/// The users table: a window of loaded rows around the selection, never the whole table.
///
/// Positions are absolute indices in the sorted, filtered list. The window holds rows
/// `windowStart ..< windowStart + rows.count`; pages are read by keyset from its edges.
public struct UsersState: Equatable, Sendable {
    public var sort = UserSort()
    public var filter = ""
    public var editingFilter = false
    public var rows: [UserRow] = []
    public var windowStart = 0
    public var hasMoreBefore = false
    public var hasMoreAfter = false
    public var selected = 0
    public var top = 0
    /// Matching users; nil until counted.
    public var total: Int?
    /// Set instead of `total` when the count stopped past `countLimit`: "of 10,000+".
    public var moreThan: Int?
    /// The status line counts this far and then says "+": an exact count of a common filter
    /// over a million users would cost a full scan on every pause in typing.
    public static let countLimit = 10_000
    /// Bumped whenever the list's definition changes; results of older generations are dropped.
    public var generation = 0
    /// The edge load in flight, if any.
    public var loadingEdge: PagePlacement?
    /// True until the first page of the current generation arrives.
    public var loadingList = true
    /// A selection the window doesn't reach yet; applied as pages arrive.
    public var pendingTarget: Int?
    public var error: String?
    /// What the last change did, shown on the status line until the next key.
    public var notice: String?
    /// The operator may see system roles; otherwise the Role column and sort are left out.
    public var showsSystemRoles = true
    /// The detail drawer, when open (Enter on a row).
    public var drawer: DrawerState?
    /// Enter was pressed while a new list was on its way: the rows on screen are about to be
    /// replaced, so the drawer opens on the selected row of the new list when it lands.
    public var openWhenLoaded = false
    /// The users the next bulk action takes (Space, `*`).
    public var marks = Marks()
    /// A bulk action being confirmed, run or reported.
    public var bulk: BulkState?
    /// Asking how many days without a sign-in make a user dormant (`z`).
    public var dormantForm: FormState?
    /// Over SSH (`roster ssh session`): files on the server are neither read nor written.
    public var overSSH = false
    /// Asking where to write the marked users (`x`), and the export on its way.
    public var exportForm: FormState?
    public var exporting = false
    /// Only users with no sign-in for this many days are listed (and marked by `*`).
    public var dormantDays: Int?
    /// A user being created (`n`).
    public var creating: CreateUserState?

    public init() {}

    /// Rows read per edge load, and the most the window keeps.
    public static let pageSize = 100
    public static let windowCap = 400

    /// Rows read for a new list (a filter typed, a sort, Home) and for End: the screen and a little more,
    /// not a whole page, so a keystroke waits for what it shows (a rare filter's walk reads
    /// half as far); the read-ahead brings the rest once the selection moves.
    public static func firstPageSize(visible: Int) -> Int {
        max(1, visible) + 20
    }

    public var windowEnd: Int { windowStart + rows.count }

    /// Where a move counts from: the row a move past the window asked for while its page is
    /// read, so keys typed faster than pages arrive all count.
    var moveBase: Int { pendingTarget ?? selected }

    public func row(at absolute: Int) -> UserRow? {
        let index = absolute - windowStart
        return rows.indices.contains(index) ? rows[index] : nil
    }

    public var selectedRow: UserRow? { row(at: selected) }

    /// The positions a screen of `visible` rows shows: from `top`, stopping at the total when
    /// it is known. The rows drawn and the "41–80 of N" status line both come from it.
    public func shownRange(visible: Int) -> Range<Int> {
        let end = total.map { min($0, top + visible) } ?? (top + visible)
        return top..<max(top, end)
    }

    /// The query for this list at a position.
    func query(_ position: UserPagePosition, limit: Int = UsersState.pageSize) -> UserQuery {
        UserQuery(filter: filter.isEmpty ? nil : filter, sort: sort, position: position, limit: limit, noSignInForDays: dormantDays)
    }

    /// Counts the list as it is filtered.
    func countEffect() -> Effect {
        .countUsers(generation: generation, filter: filter.isEmpty ? nil : filter, dormantDays: dormantDays)
    }
}
