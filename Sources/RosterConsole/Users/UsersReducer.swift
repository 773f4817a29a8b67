import RosterCore
import RosterTerminal

/// The users table's reducer: keys and loaded pages in, new state and effects out.
enum UsersReducer {
    /// True while the screen takes every key itself (typed text, a question, a change on its
    /// way): the app-level keys (`?`, `:`, `q`) are not looked up then.
    static func capturesKeys(_ state: UsersState) -> Bool {
        guard let drawer = state.drawer else {
            return state.editingFilter || state.bulk != nil || state.creating != nil || state.dormantForm != nil || state.exportForm != nil
        }
        return drawer.dialog != nil || drawer.form != nil || drawer.secret != nil || drawer.rolePicker != nil || drawer.itemPicker != nil
            || drawer.changing
    }

    /// Why `action` can't be taken now (nil: it can).
    static func refusal(_ action: UsersAction, _ state: UsersState, readOnly: Bool) -> String? {
        if action == .create { return readOnly ? "the console is read-only" : nil }
        if action == .export { return state.marks.isEmpty ? "mark users first: Space or *" : nil }
        guard case .bulk = action else { return nil }
        if readOnly { return "the console is read-only" }
        // Nothing marked: the selected user, if there is one.
        return state.marks.isEmpty && state.selectedRow == nil ? "no user to act on" : nil
    }

    /// A key on the users screen. Returns the effects to run.
    static func reduce(_ state: inout UsersState, key: Key, visible: Int, readOnly: Bool = false) -> [Effect] {
        state.notice = nil
        if state.bulk != nil { return BulkReducer.key(&state, key) }
        if state.creating != nil { return CreateUserReducer.key(&state, key) }
        if state.dormantForm != nil { return BulkReducer.dormantKey(&state, key, visible: visible) }
        if state.exportForm != nil { return ExportReducer.key(&state, key) }
        if var drawer = state.drawer {
            let (effects, closed) = DrawerReducer.reduce(&drawer, key: key, readOnly: readOnly)
            state.drawer = closed ? nil : drawer
            return effects
        }
        if state.editingFilter {
            if let action = FilterAction.keymap.action(for: key) {
                return filter(&state, action, visible: visible)
            }
            if case .character(let c) = key, !c.isNewline {
                state.filter.append(c)
                return restart(&state, recount: true, visible: visible)
            }
            return []
        }
        guard let action = UsersAction.keymap.action(for: key) else { return [] }
        switch action {
        case .move(let delta):
            return select(&state, state.moveBase + delta, visible: visible)
        case .page(let pages):
            state.top = max(0, state.top + pages * visible)
            return select(&state, state.moveBase + pages * visible, visible: visible)
        case .first:
            if !state.hasMoreBefore { return select(&state, 0, visible: visible) }
            // Far from the top (after End on a long list): read the top afresh rather than page back to it.
            state.loadingEdge = .replaceFromTop
            state.pendingTarget = nil
            return [.loadUsers(generation: state.generation, query: state.query(.first, limit: UsersState.firstPageSize(visible: visible)),
                               placement: .replaceFromTop)]
        case .last:
            if !state.hasMoreAfter { return select(&state, state.windowEnd - 1, visible: visible) }
            state.loadingEdge = .replaceAtEnd
            state.pendingTarget = nil
            return [.loadUsers(generation: state.generation, query: state.query(.last, limit: UsersState.firstPageSize(visible: visible)),
                               placement: .replaceAtEnd)]
        case .beginFilter:
            state.editingFilter = true
            return []
        case .sortNext:
            var column = state.sort.column.next
            if column == .role, !state.showsSystemRoles { column = column.next }
            state.sort = UserSort(column, ascending: true)
            return restart(&state, recount: false, visible: visible)
        case .sortReverse:
            state.sort.ascending.toggle()
            return restart(&state, recount: false, visible: visible)
        case .refresh:
            return restart(&state, recount: true, visible: visible)
        case .open:
            // Never open on a row about to vanish (Enter typed ahead of a filter's rows).
            if state.loadingList {
                state.openWhenLoaded = true
                return []
            }
            guard let row = state.selectedRow else { return [] }
            let (drawer, effects) = DrawerReducer.open(row, overSSH: state.overSSH)
            state.drawer = drawer
            return effects
        case .mark:
            return BulkReducer.toggleMark(&state, visible: visible)
        case .markAll:
            return BulkReducer.toggleMarkAll(&state)
        case .dormant:
            return BulkReducer.askDormant(&state, visible: visible)
        case .export:
            ExportReducer.begin(&state)
            return []
        case .bulk(let action):
            BulkReducer.begin(&state, action, readOnly: readOnly)
            return []
        case .create:
            return CreateUserReducer.begin(&state, readOnly: readOnly)
        }
    }

    static func filter(_ state: inout UsersState, _ action: FilterAction, visible: Int) -> [Effect] {
        switch action {
        case .keep:
            state.editingFilter = false
            return []
        case .clear:
            state.editingFilter = false
            guard !state.filter.isEmpty else { return [] }
            state.filter = ""
            return restart(&state, recount: true, visible: visible)
        case .erase:
            guard !state.filter.isEmpty else { return [] }
            state.filter.removeLast()
            return restart(&state, recount: true, visible: visible)
        case .eraseAll:
            guard !state.filter.isEmpty else { return [] }
            state.filter = ""
            return restart(&state, recount: true, visible: visible)
        case .move(let delta):
            return select(&state, state.moveBase + delta, visible: visible)
        }
    }

    /// Someone else changed the database: read again what is on screen (the rows in the
    /// window, the count, the open drawer), in place: the operator's position stays.
    static func othersChanged(_ state: inout UsersState) -> [Effect] {
        guard !state.loadingList else { return [] }
        var effects: [Effect] = []
        if !state.rows.isEmpty {
            effects.append(.refreshRows(generation: state.generation, ids: state.rows.map(\.id), sort: state.sort))
        }
        effects.append(state.countEffect())
        if var drawer = state.drawer, drawer.dialog == nil, !drawer.changing {
            effects.append(drawer.read())
            state.drawer = drawer
        }
        return effects
    }

    /// The rows on screen, read again: each replaced by its new version; one deleted or no
    /// longer visible leaves the window. Order and position stay as they were.
    static func refreshed(_ state: inout UsersState, generation: Int, rows: [UserRow], visible: Int) {
        guard generation == state.generation else { return }
        let fresh = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        let selectedID = state.selectedRow?.id
        state.rows = state.rows.compactMap { fresh[$0.id] }
        if let selectedID, let index = state.rows.firstIndex(where: { $0.id == selectedID }) {
            state.selected = state.windowStart + index
        } else {
            state.selected = min(state.selected, max(state.windowStart, state.windowEnd - 1))
        }
        scroll(&state, visible: visible)
    }

    /// A count for the list generation `generation` landed (over `countLimit`: "10,000+").
    static func counted(_ state: inout UsersState, generation: Int, total: Int, exact: Bool = false, visible: Int) {
        guard state.generation == generation else { return }
        if total > UsersState.countLimit, !exact {
            state.total = nil
            state.moreThan = UsersState.countLimit
        } else {
            state.total = total
        }
        scroll(&state, visible: visible)
    }

    /// The drawer's read landed; the drawer decides whether it is still the one it asked for.
    static func detailLoaded(_ state: inout UsersState, generation: Int, _ result: DetailResult) {
        guard var drawer = state.drawer else { return }
        DrawerReducer.loaded(&drawer, generation: generation, result)
        state.drawer = drawer
    }

    /// Starts a new list generation (filter or sort changed): read the top, and count if asked.
    /// Rows stay on screen until the new ones arrive, so typing never blanks the table.
    /// The count waits for the rows: it can take longer, and must not slow them down.
    static func restart(_ state: inout UsersState, recount: Bool, visible: Int) -> [Effect] {
        state.generation += 1
        state.loadingList = true
        state.loadingEdge = .replaceFromTop
        state.pendingTarget = nil
        state.error = nil
        if recount {
            state.total = nil
            state.moreThan = nil
        }
        // "All matching" meant the old filter's users: never carry it over to a new one.
        if let all = state.marks.all, all.filter != state.filter || all.dormantDays != state.dormantDays {
            state.marks.all = nil
            state.notice = "Marks cleared: they were for " + (all.filter != state.filter ? "the filter “\(all.filter)”."
                : all.dormantDays.map { "users with no sign-in for \($0) days." } ?? "every user matching.")
        }
        return [.loadUsers(generation: state.generation, query: state.query(.first, limit: UsersState.firstPageSize(visible: visible)),
                           placement: .replaceFromTop)]
    }

    /// Moves the selection to `target`, loading pages when it leaves the window.
    static func select(_ state: inout UsersState, _ target: Int, visible: Int, readAhead: Bool = true) -> [Effect] {
        guard !state.rows.isEmpty else { return [] }
        var target = max(0, target)
        if let total = state.total { target = min(target, max(0, total - 1)) }
        var effects: [Effect] = []
        if target >= state.windowEnd {
            if state.hasMoreAfter {
                state.pendingTarget = target
                target = state.windowEnd - 1
            } else {
                target = state.windowEnd - 1
                state.pendingTarget = nil
            }
        } else if target < state.windowStart {
            if state.hasMoreBefore {
                state.pendingTarget = target
                target = state.windowStart
            } else {
                target = state.windowStart
                state.pendingTarget = nil
            }
        } else {
            state.pendingTarget = nil
        }
        state.selected = target
        scroll(&state, visible: visible)
        // Read ahead so the next screenful is there before the selection reaches it.
        if readAhead, state.loadingEdge == nil {
            if state.hasMoreAfter, state.windowEnd - state.selected <= visible * 2 || (state.pendingTarget ?? 0) >= state.windowEnd,
               let last = state.rows.last {
                state.loadingEdge = .append
                effects.append(.loadUsers(generation: state.generation, query: state.query(.after(UserCursor(row: last, column: state.sort.column))), placement: .append))
            } else if state.hasMoreBefore, state.selected - state.windowStart <= visible * 2, let first = state.rows.first {
                state.loadingEdge = .prepend
                effects.append(.loadUsers(generation: state.generation, query: state.query(.before(UserCursor(row: first, column: state.sort.column))), placement: .prepend))
            }
        }
        return effects
    }

    /// The screen changed size: the selection stays on it, and a taller screen than the rows
    /// read so far (a new list reads one screen and a little more) reads ahead at once.
    static func resized(_ state: inout UsersState, visible: Int) -> [Effect] {
        scroll(&state, visible: visible)
        guard !state.loadingList, state.loadingEdge == nil, state.hasMoreAfter, state.windowEnd < state.top + visible else { return [] }
        return select(&state, state.selected, visible: visible)
    }

    /// Keeps the selection on screen.
    static func scroll(_ state: inout UsersState, visible: Int) {
        if state.selected < state.top { state.top = state.selected }
        if state.selected >= state.top + visible { state.top = state.selected - visible + 1 }
        if let total = state.total { state.top = min(state.top, max(0, total - visible)) }
        state.top = max(0, min(state.top, state.selected))
    }

    /// A page arrived.
    static func loaded(_ state: inout UsersState, _ load: UsersLoad, visible: Int) -> [Effect] {
        // Of this list, and the read the list still waits for: a read-ahead overtaken by End
        // or Home (which read afresh) must not land beside their rows.
        guard load.generation == state.generation, load.placement == state.loadingEdge else { return [] }
        var effects = place(&state, load, visible: visible)
        if state.openWhenLoaded, !state.loadingList {
            state.openWhenLoaded = false
            if state.drawer == nil, let row = state.selectedRow {
                let (drawer, open) = DrawerReducer.open(row, overSSH: state.overSSH)
                state.drawer = drawer
                effects += open
            }
        }
        return effects
    }

    private static func place(_ state: inout UsersState, _ load: UsersLoad, visible: Int) -> [Effect] {
        let page = load.page
        state.error = nil
        var count: [Effect] = []
        switch load.placement {
        case .replaceFromTop:
            state.rows = page.rows
            state.windowStart = 0
            state.hasMoreBefore = false
            state.hasMoreAfter = page.hasMoreAfter
            state.selected = 0
            state.top = 0
            state.loadingList = false
            // A list that fits in one page is counted by reading it; a longer one is counted now.
            if !page.hasMoreAfter {
                state.total = page.rows.count
            } else if state.total == nil {
                count = [state.countEffect()]
            }
        case .replaceAtEnd:
            if let total = load.total { state.total = total }
            state.rows = page.rows
            state.windowStart = max(0, (state.total ?? page.rows.count) - page.rows.count)
            state.hasMoreBefore = page.hasMoreBefore
            state.hasMoreAfter = false
            state.selected = max(state.windowStart, state.windowEnd - 1)
            state.top = max(state.windowStart, state.selected - visible + 1)
            state.loadingList = false
        case .append:
            state.rows += page.rows
            state.hasMoreAfter = page.hasMoreAfter
            if !page.hasMoreAfter { state.total = state.windowEnd }
            trimFront(&state)
        case .prepend:
            state.rows = page.rows + state.rows
            state.windowStart -= page.rows.count
            state.hasMoreBefore = page.hasMoreBefore
            if !page.hasMoreBefore, state.windowStart != 0 {
                // Positions were estimates (the total wasn't known): renumber from the real top.
                let shift = -state.windowStart
                state.windowStart = 0
                state.selected += shift
                state.top += shift
                state.pendingTarget = state.pendingTarget.map { $0 + shift }
            }
            trimBack(&state)
        }
        state.loadingEdge = nil
        let target = state.pendingTarget ?? state.selected
        // A new list's first screen reads ahead only once the selection moves: someone still
        // typing the filter would wait for the read-ahead behind their next keystroke.
        return count + select(&state, target, visible: visible, readAhead: load.placement != .replaceFromTop || state.pendingTarget != nil)
    }

    static func trimFront(_ state: inout UsersState) {
        let excess = state.rows.count - UsersState.windowCap
        guard excess > 0 else { return }
        // Never drop rows at or after what is on screen.
        let droppable = min(excess, max(0, state.top - state.windowStart))
        state.rows.removeFirst(droppable)
        state.windowStart += droppable
        if droppable > 0 { state.hasMoreBefore = true }
    }

    static func trimBack(_ state: inout UsersState) {
        let excess = state.rows.count - UsersState.windowCap
        guard excess > 0 else { return }
        let droppable = min(excess, max(0, state.windowEnd - (state.top + 200)))
        state.rows.removeLast(droppable)
        if droppable > 0 { state.hasMoreAfter = true }
    }
}
