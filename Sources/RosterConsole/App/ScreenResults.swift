import RosterCore

/// Results for the users screen's drawer other than its own pages: each lands on the drawer of
/// the user it was read for (dropped when the operator has moved on).
enum ScreenResults {
    static func reduce(_ state: inout ConsoleState, _ action: ConsoleAction) -> [Effect] {
        switch action {
        case .avatarRead(let user, let result):
            guard case .users(var users) = state.screen, var drawer = users.drawer, drawer.userId == user else { return [] }
            DrawerReducer.avatarRead(&drawer, result)
            users.drawer = drawer
            state.screen = .users(users)
            return []
        case .membershipOrgsLoaded(let user, let result):
            guard case .users(var users) = state.screen, var drawer = users.drawer, drawer.userId == user else { return [] }
            DrawerReducer.membershipOrgsLoaded(&drawer, result)
            users.drawer = drawer
            state.screen = .users(users)
            return []
        default:
            return []
        }
    }
}
