import RosterCore
import RosterTerminal

/// The drawer's reducer: keys and the loaded detail in, state and effects out.
enum DrawerReducer {
    /// Opens the drawer on a row and asks for its detail.
    static func open(_ row: UserRow) -> (DrawerState, [Effect]) {
        var drawer = DrawerState(userId: row.id, name: row.name, email: row.email.value)
        drawer.generation = 1
        return (drawer, [.loadDetail(generation: drawer.generation, user: row.id)])
    }

    /// A key while the drawer is open. `closed` means Esc.
    static func reduce(_ drawer: inout DrawerState, key: Key, readOnly: Bool = false) -> (effects: [Effect], closed: Bool) {
        if drawer.secret != nil {
            // Only closing: the secret is dropped from memory then and can't be shown again.
            if SecretAction.keymap.action(for: key) == .close {
                drawer.secret = nil
                drawer.notice = "Closed; it can't be shown again."
                drawer.noticeRefused = false
            }
            return ([], false)
        }
        if drawer.form != nil { return (formKey(&drawer, key), false) }
        if drawer.dialog != nil { return (dialogKey(&drawer, key), false) }
        // While a change is on its way, keys wait: a second press must not act on a stale screen.
        if drawer.changing { return ([], false) }
        drawer.notice = nil
        guard let action = DrawerAction.keymap.action(for: key) else { return ([], false) }
        let tabs = DrawerState.Tab.allCases
        switch action {
        case .close:
            return ([], true)
        case .nextTab:
            drawer.tab = tabs[(drawer.tab.rawValue + 1) % tabs.count]
            drawer.scroll = 0
        case .previousTab:
            drawer.tab = tabs[(drawer.tab.rawValue + tabs.count - 1) % tabs.count]
            drawer.scroll = 0
        case .tab(let tab):
            drawer.tab = tab
            drawer.scroll = 0
        case .scroll(let lines):
            drawer.scroll = max(0, drawer.scroll + lines)
        case .reload:
            drawer.generation += 1
            drawer.error = nil
            return ([.loadDetail(generation: drawer.generation, user: drawer.userId)], false)
        case .change(let change):
            guard !readOnly else {
                drawer.notice = "This console is read-only (roster --read-only): changes are off."
                drawer.noticeRefused = true
                return ([], false)
            }
            guard let detail = drawer.detail else {
                drawer.notice = "The details are still loading; try again in a moment."
                drawer.noticeRefused = true
                return ([], false)
            }
            // Said at once, from the same Policy the service asks: no dialog for a change that can't happen.
            if let reason = detail.refusals[ChangeWording.userAction(change, for: detail)] {
                drawer.notice = reason
                drawer.noticeRefused = true
                return ([], false)
            }
            if change == .newAPIKey {
                drawer.form = APIKeyForm.form(for: detail.profile.fullName)
            } else {
                drawer.dialog = ChangeWording.dialog(change, for: detail)
            }
        }
        return ([], false)
    }

    /// A key while a confirmation is open: it goes nowhere else.
    static func dialogKey(_ drawer: inout DrawerState, _ key: Key) -> [Effect] {
        guard var dialog = drawer.dialog else { return [] }
        switch dialog.handle(key) {
        case .open:
            drawer.dialog = dialog
            return []
        case .cancelled:
            drawer.dialog = nil
            return []
        case .confirmed:
            drawer.dialog = nil
            drawer.changing = true
            switch dialog.purpose {
            case .change(let change, let user, let version): return [.changeUser(change, user: user, expectedVersion: version)]
            case .delete(let user, let version): return [.deleteUser(user, expectedVersion: version)]
            case .task(let task, let user): return [.runTask(task, user)]
            case .bulk: return []
            }
        }
    }

    /// A key in the new-API-key form: checked as typed; Enter with every field right asks to confirm.
    static func formKey(_ drawer: inout DrawerState, _ key: Key) -> [Effect] {
        guard var form = drawer.form else { return [] }
        let outcome = form.handle(key)
        APIKeyForm.validate(&form)
        switch outcome {
        case .open:
            drawer.form = form
        case .cancelled:
            drawer.form = nil
        case .submitted:
            drawer.form = nil
            drawer.dialog = APIKeyForm.confirmation(APIKeyForm.task(form), user: drawer.userId, name: drawer.name)
        }
        return []
    }

    /// A change's answer: say what happened, and read the user again either way.
    static func changed(_ drawer: inout DrawerState, _ result: ChangeResult) -> [Effect] {
        drawer.changing = false
        switch result {
        case .done(let message):
            drawer.notice = message
            drawer.noticeRefused = false
        case .refused(let message):
            drawer.notice = message
            drawer.noticeRefused = true
        case .secret(let shown):
            drawer.secret = shown
            drawer.notice = nil
        }
        drawer.generation += 1
        return [.loadDetail(generation: drawer.generation, user: drawer.userId)]
    }

    static func loaded(_ drawer: inout DrawerState, generation: Int, _ result: DetailResult) {
        guard generation == drawer.generation else { return }
        switch result {
        case .loaded(let detail):
            drawer.detail = detail
            drawer.error = nil
        case .failed(let message):
            drawer.error = message
        }
    }
}

/// A detail read's outcome, as the reducer receives it.
public enum DetailResult: Equatable, Sendable {
    case loaded(UserDetail)
    case failed(String)
}
