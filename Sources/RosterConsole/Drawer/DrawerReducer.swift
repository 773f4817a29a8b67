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

    /// A key while the drawer is open. `closed` means Esc; `app` passes help and quit up.
    static func reduce(_ drawer: inout DrawerState, key: Key) -> (effects: [Effect], closed: Bool, app: DrawerAction?) {
        guard let action = DrawerAction.keymap.action(for: key) else { return ([], false, nil) }
        let tabs = DrawerState.Tab.allCases
        switch action {
        case .close:
            return ([], true, nil)
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
            return ([.loadDetail(generation: drawer.generation, user: drawer.userId)], false, nil)
        case .help, .quit:
            return ([], false, action)
        }
        return ([], false, nil)
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
