import RosterCore
import RosterTerminal

/// The `:` palette as the console reducer sees it: a key while it is open, and what it offers.
extension ConsoleReducer {
    /// A key while the palette is open: choosing an entry presses its key, on the screen behind.
    static func paletteKey(_ state: inout ConsoleState, _ key: Key) -> [Effect] {
        guard var palette = state.palette else { return [] }
        switch PaletteAction.reduce(&palette, key: key) {
        case .open:
            state.palette = palette
            return []
        case .closed:
            state.palette = nil
            return []
        case .run(let keys):
            state.palette = nil
            return keys.flatMap { reduce(&state, .key($0)) }
        }
    }

    /// What the palette offers: the actions of the screen it was opened on (the drawer's,
    /// when it is open), then the selected user's drawer (from the table) or the table (from
    /// the drawer), then every other screen's, then help and quit; each with the reason it
    /// can't be taken now, where that is known before going there.
    static func paletteEntries(_ state: ConsoleState) -> [PaletteState.Entry] {
        let ascii = state.ascii
        var here: [PaletteState.Entry] = []
        var near: [PaletteState.Entry] = []
        var leave: [Key] = []
        let current: ScreenID?
        switch state.screen {
        case .users(let users):
            current = .users
            let table = { (place: String?, prelude: [Key]) in
                PaletteState.entries(UsersAction.keymap, ascii: ascii, place: place, prelude: prelude) {
                    UsersReducer.refusal($0, users, readOnly: state.readOnly)
                }
            }
            if let drawer = users.drawer {
                here = PaletteState.entries(DrawerAction.keymap, ascii: ascii) { drawer.refusal($0, readOnly: state.readOnly) }
                near = table("Users", [.escape]).filter { !Self.isMove($0) }
                leave = [.escape]
            } else {
                here = table(nil, [])
                if let row = users.selectedRow {
                    // The selected user's drawer: Enter opens it, and the change waits for its details.
                    near = PaletteState.entries(DrawerAction.keymap, ascii: ascii, place: row.name.isEmpty ? row.email.value : row.name,
                                                prelude: [.enter]) { action in
                        if case .change = action { return state.readOnly ? ReadOnlyConsole.refusal : nil }
                        return nil
                    }.filter { entry in DrawerAction.keymap.action(for: entry.key).map { if case .change = $0 { true } else { false } } ?? false }
                }
            }
        case .feature(let shown):
            current = shown.screen
            here = ConsoleFeatures.feature(shown.screen)?.paletteEntries(state, place: nil, prelude: []) ?? []
        case .signIn, .step:
            return []
        }
        // Every other screen's commands, reached by its number key (after closing the drawer).
        var elsewhere: [PaletteState.Entry] = []
        for screen in ScreenID.all where screen != current {
            guard let go = AppAction.keymap.bindings.first(where: { $0.action == .go(screen) })?.keys.first else { continue }
            let prelude = leave + [go]
            let entries: [PaletteState.Entry] = if let feature = ConsoleFeatures.feature(screen) {
                feature.paletteEntries(state, place: screen.title, prelude: prelude)
            } else {
                switch screen {
                case .users: PaletteState.entries(UsersAction.keymap, ascii: ascii, place: screen.title, prelude: prelude)
                default: []
                }
            }
            elsewhere += entries.filter { !Self.isMove($0) }
        }
        return here + near + elsewhere + PaletteState.entries(AppAction.keymap, ascii: ascii).filter { $0.key != ":" }
    }

    /// Moving the cursor means nothing on another screen: those are left out there.
    private static func isMove(_ entry: PaletteState.Entry) -> Bool {
        [Key.up, .down, .pageUp, .pageDown, .home, .end, .left, .right, "j", "k", "g", "G"].contains(entry.key)
    }
}
