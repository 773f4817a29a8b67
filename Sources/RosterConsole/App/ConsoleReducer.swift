import RosterCore
import RosterTerminal

/// The console's reducer: one action in, the state changed in place, effects out.
public enum ConsoleReducer {
    public static func reduce(_ state: inout ConsoleState, _ action: ConsoleAction) -> [Effect] {
        switch action {
        case .resize(let size):
            state.size = size
            guard case .users(var users) = state.screen else { return [] }
            let effects = UsersReducer.resized(&users, visible: state.visibleRows)
            state.screen = .users(users)
            return effects
        case .key(let key):
            if state.isTooSmall {
                // Nothing else is visible to act on; leave a way out.
                if key == "q" || key == .control("c") { state.quitting = true }
                return []
            }
            if state.showingHelp {
                // Space and PgDn/PgUp turn a long help's pages; any other key closes it; Ctrl-C still quits.
                let pages = HelpView.layout(state).pages
                if [" ", .pageDown].contains(key), state.helpPage + 1 < pages {
                    state.helpPage += 1
                } else if key == .pageUp, state.helpPage > 0 {
                    state.helpPage -= 1
                } else {
                    state.showingHelp = false
                    state.helpPage = 0
                }
                if key == .control("c") { state.quitting = true }
                return []
            }
            // A sensitive action waiting for "confirm it's you" takes every key, on any screen.
            if state.reauth != nil { return ReauthAction.reduce(&state, key: key) }
            switch state.screen {
            case .signIn(var form):
                let (effects, quit) = SignInReducer.reduce(&form, key: key)
                state.screen = .signIn(form)
                if quit { state.quitting = true }
                return effects
            case .step(var step):
                let (effects, signOut) = StepReducer.reduce(&step, key: key)
                state.screen = .step(step)
                if signOut { state.quitting = true }
                return effects
            case .users(var users):
                let bound = users.drawer.map { _ in DrawerAction.keymap.action(for: key) != nil } ?? (UsersAction.keymap.action(for: key) != nil)
                // Every keystroke is activity, and asks whether the operator may still act:
                // deactivated, locked or timed out, they are signed out at this key (`screenKey`).
                return screenKey(&state, key, captures: UsersReducer.capturesKeys(users), bound: bound) { state in
                    let effects = UsersReducer.reduce(&users, key: key, visible: state.visibleRows, readOnly: state.readOnly)
                    state.screen = .users(users)
                    return effects
                }
            case .feature(let shown):
                return ConsoleFeatures.feature(shown.screen)?.key(key, in: &state) ?? []
            }
        case .sessionChecked(let who):
            guard let who, let before = state.signedIn else { return [] }
            state.signedIn = who
            if let step = who.pendingSteps.first { return showStep(step, &state) }
            // A step just done, or a new role or org role (which changes which users and
            // columns the operator may see): read the table again.
            if case .step = state.screen { return startUsers(&state) }
            return who.hasSameAccess(as: before) ? [] : startUsers(&state)
        case .stepRequired(let step):
            guard state.signedIn != nil else { return [] }
            return showStep(step, &state)
        case .stepFinished(let result):
            guard case .step(var step) = state.screen else { return [] }
            let effects = StepReducer.finished(&step, result)
            state.screen = .step(step)
            return effects
        case .sessionEnded(let message):
            if state.closesWithSession {
                state.farewell = message
                state.quitting = true
                return []
            }
            var form = SignInState(email: state.signedIn?.email ?? "")
            form.message = message
            state.signedIn = nil
            state.showingHelp = false
            state.palette = nil
            state.reauth = nil
            state.screen = .signIn(form)
            return []
        case .signedIn(.success(let who)):
            state.signedIn = who
            if let step = who.pendingSteps.first { return showStep(step, &state) }
            return startUsers(&state)
        case .signedIn(.failure(let failure)):
            guard case .signIn(var form) = state.screen else { return [] }
            SignInReducer.failed(&form, failure)
            state.screen = .signIn(form)
            return []
        case .usersLoaded(let load):
            guard case .users(var users) = state.screen else { return [] }
            let effects = UsersReducer.loaded(&users, load, visible: state.visibleRows)
            state.screen = .users(users)
            return effects
        case .usersCounted(let generation, let total, let exact):
            guard case .users(var users) = state.screen else { return [] }
            UsersReducer.counted(&users, generation: generation, total: total, exact: exact, visible: state.visibleRows)
            state.screen = .users(users)
            return []
        case .detailLoaded(let generation, let result):
            guard case .users(var users) = state.screen else { return [] }
            UsersReducer.detailLoaded(&users, generation: generation, result)
            state.screen = .users(users)
            return []
        case .tick:
            // Only the users screen shows data others can change; a sign-in form has nothing to refresh.
            guard case .users = state.screen, state.signedIn != nil else { return [] }
            return [.checkChanges]
        case .dataVersion(let version):
            guard let version else { return [] }
            defer { state.dataVersion = version }
            // The first look has nothing to compare with: something may have been committed
            // between the table's read and this look, so it reads the screen again once too.
            guard state.dataVersion != version, case .users(var users) = state.screen else { return [] }
            let effects = UsersReducer.othersChanged(&users)
            state.screen = .users(users)
            return effects
        case .rowsRefreshed(let generation, let rows):
            guard case .users(var users) = state.screen else { return [] }
            UsersReducer.refreshed(&users, generation: generation, rows: rows, visible: state.visibleRows)
            state.screen = .users(users)
            return []
        case .userDeleted(let message):
            guard case .users(var users) = state.screen else { return [] }
            users.drawer = nil
            let effects = UsersReducer.restart(&users, recount: true, visible: state.visibleRows)
            users.notice = message
            state.screen = .users(users)
            return effects
        case .userChanged(let result):
            guard case .users(var users) = state.screen, var drawer = users.drawer else { return [] }
            var effects = DrawerReducer.changed(&drawer, result)
            users.drawer = drawer
            // The table shows status and lock too: read its rows again, in place, so the
            // selection stays on the user just changed.
            if case .done = result, !users.rows.isEmpty {
                effects.append(.refreshRows(generation: users.generation, ids: users.rows.map(\.id), sort: users.sort))
            }
            state.screen = .users(users)
            return effects
        case .marksCounted(let filter, let total):
            guard case .users(var users) = state.screen else { return [] }
            BulkReducer.marksCounted(&users, filter: filter, total: total)
            state.screen = .users(users)
            return []
        case .bulkProgress(let done, let total):
            guard case .users(var users) = state.screen else { return [] }
            BulkReducer.progressed(&users, done: done, total: total)
            state.screen = .users(users)
            return []
        case .bulkFinished(let result):
            guard case .users(var users) = state.screen else { return [] }
            let effects = BulkReducer.finished(&users, result, visible: state.visibleRows)
            state.screen = .users(users)
            return effects
        case .usersExported(let result):
            guard case .users(var users) = state.screen else { return [] }
            ExportReducer.finished(&users, result)
            state.screen = .users(users)
            return []
        case .createOptionsLoaded(let result):
            guard case .users(var users) = state.screen else { return [] }
            CreateUserReducer.optionsLoaded(&users, result)
            state.screen = .users(users)
            return []
        case .userCreated(let result):
            guard case .users(var users) = state.screen else { return [] }
            let effects = CreateUserReducer.created(&users, result, visible: state.visibleRows)
            state.screen = .users(users)
            return effects
        case .membershipOrgsLoaded, .avatarRead:
            return ScreenResults.reduce(&state, action)
        case .feature(let outcome):
            guard case .feature(let shown) = state.screen, shown.screen == outcome.screen else { return [] }
            return ConsoleFeatures.feature(shown.screen)?.land(outcome, in: &state) ?? []
        case .reauthenticationNeeded(let retry, let factor):
            state.reauth = ReauthState(retry: retry, factor: factor)
            return []
        case .reauthenticationFailed(let message):
            guard var reauth = state.reauth else { return [] }
            reauth.checking = false
            reauth.typed = ""
            reauth.error = message
            state.reauth = reauth
            return []
        case .reauthenticated(let retry):
            state.reauth = nil
            return [retry]
        case .loadFailed(let generation, let message):
            guard case .users(var users) = state.screen, users.generation == generation else { return [] }
            users.error = message
            users.loadingEdge = nil
            users.pendingTarget = nil
            users.loadingList = false
            users.openWhenLoaded = false
            state.screen = .users(users)
            return []
        }
    }

    /// An app-level key: help, quit, the palette, another screen.
    static func appKey(_ state: inout ConsoleState, _ app: AppAction) -> [Effect] {
        switch app {
        case .help: state.showingHelp = true
        case .quit: state.quitting = true
        case .palette: state.palette = PaletteState(entries: paletteEntries(state))
        case .nextScreen, .previousScreen:
            let all = ScreenID.all
            guard let current = state.screen.id, let index = all.firstIndex(of: current) else { return [] }
            let step = app == .nextScreen ? 1 : all.count - 1
            return show(all[(index + step) % all.count], &state)
        case .go(let id): return show(id, &state)
        }
        return []
    }

    /// Switches main screen: the one left is kept as it was; the one shown is read again.
    static func show(_ id: ScreenID, _ state: inout ConsoleState) -> [Effect] {
        guard let current = state.screen.id, current != id else { return [] }
        state.parked[current] = state.screen
        let parked = state.parked.removeValue(forKey: id)
        if let feature = ConsoleFeatures.feature(id) { return feature.show(parked: parked, in: &state) }
        switch (id, parked) {
        case (.users, .users(var users)?):
            let effects = UsersReducer.othersChanged(&users)
            state.screen = .users(users)
            return effects
        case (.users, _):
            return startUsers(&state)
        default:
            return []
        }
    }

    /// What every signed-in screen does with a key: the palette takes it while open; a key the
    /// screen neither captures (a form, a dialog, typed text) nor binds is an app key (`?`, `:`,
    /// `q`, Tab); anything else is the screen's. Each key then checks the session.
    static func screenKey(_ state: inout ConsoleState, _ key: Key, captures: Bool, bound: Bool,
                          _ reduce: (inout ConsoleState) -> [Effect]) -> [Effect] {
        if state.palette != nil { return paletteKey(&state, key) }
        if !captures, !bound, let app = AppAction.keymap.action(for: key) { return appKey(&state, app) + [.checkSession] }
        return reduce(&state) + [.checkSession]
    }

    /// Shows the step the account must take (unless it is already on screen).
    static func showStep(_ step: PendingStep, _ state: inout ConsoleState) -> [Effect] {
        if case .step(let shown) = state.screen, shown.step == step { return [] }
        state.showingHelp = false
        state.palette = nil
        state.reauth = nil
        state.screen = .step(StepState(step))
        return step == .acceptTerms ? [.loadTerms] : []
    }

    /// Opens the users table and asks for its first page and count.
    public static func startUsers(_ state: inout ConsoleState) -> [Effect] {
        state.parked = [:]
        var users = UsersState()
        users.showsSystemRoles = state.signedIn?.seesSystemRoles ?? false
        users.overSSH = state.closesWithSession
        let effects = UsersReducer.restart(&users, recount: true, visible: state.visibleRows)
        state.screen = .users(users)
        return effects
    }
}
