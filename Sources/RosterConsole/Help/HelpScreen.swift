import RosterTerminal

/// The `?` screen, generated from the keymaps so it always tells the truth.
enum HelpScreen {
    static func draw(in state: ConsoleState, glyphs: Glyphs, on canvas: inout some Canvas) {
        let width = state.size.width
        canvas.fill(Rect(x: 0, y: 0, width: width, height: state.size.height))
        canvas.put(" Keys", at: Point(x: 0, y: 0), width: width, style: .header, glyphs: glyphs)
        var sections: [(String, [(keys: String, help: String)])] = []
        switch state.screen {
        case .signIn: sections = [(SignInAction.keymap.title, SignInAction.keymap.helpLines(ascii: state.ascii))]
        case .step(let step):
            let keymap = StepAction.keymap(step.mode)
            sections = [(keymap.title, keymap.helpLines(ascii: state.ascii))]
        case .users(let users) where users.drawer != nil:
            sections = [(DrawerAction.keymap.title, DrawerAction.keymap.helpLines(ascii: state.ascii)),
                        (AppAction.keymap.title, AppAction.keymap.helpLines(ascii: state.ascii)),
                        (DialogAction.keymap.title, DialogAction.keymap.helpLines(ascii: state.ascii))]
        case .settings:
            sections = [(SettingsAction.keymap.title, SettingsAction.keymap.helpLines(ascii: state.ascii)),
                        (AppAction.keymap.title, AppAction.keymap.helpLines(ascii: state.ascii)),
                        (FormAction.keymap.title, FormAction.keymap.helpLines(ascii: state.ascii))]
        case .audit:
            sections = [(AuditAction.keymap.title, AuditAction.keymap.helpLines(ascii: state.ascii)),
                        (AppAction.keymap.title, AppAction.keymap.helpLines(ascii: state.ascii)),
                        ("Filter words", [(keys: "action:", help: "user.create, or user.* for all"), (keys: "outcome:", help: "success, denied, failed"),
                                          (keys: "actor:", help: "who did it (email)"), (keys: "target:", help: "about whom (email)"),
                                          (keys: "since:", help: "YYYY-MM-DD"), (keys: "until:", help: "YYYY-MM-DD, inclusive")])]
        case .users:
            sections = [(UsersAction.keymap.title, UsersAction.keymap.helpLines(ascii: state.ascii)),
                        (AppAction.keymap.title, AppAction.keymap.helpLines(ascii: state.ascii)),
                        ("While filtering", FilterAction.keymap.helpLines(ascii: state.ascii))]
        }
        // Sections flow down two columns (one below 80), a long one continuing in the next.
        let columns = width >= 80 ? 2 : 1
        let columnWidth = width / columns
        let keyWidth = min(16, max(12, columnWidth / 4))
        let bottom = state.size.height - 2
        var y = 2, column = 0
        func advance() -> Bool {
            y += 1
            guard y >= bottom else { return true }
            column += 1
            y = 2
            return column < columns
        }
        drawing: for (title, lines) in sections {
            // A title never sits alone at the foot of a column.
            if y + 2 > bottom, column + 1 < columns { column += 1; y = 2 }
            canvas.put(title, at: Point(x: column * columnWidth + 2, y: y), style: .accent)
            guard advance() else { break }
            for line in lines {
                let x = column * columnWidth + 2
                canvas.put(line.keys, at: Point(x: x, y: y), width: keyWidth, style: .accent, glyphs: glyphs)
                canvas.put(line.help, at: Point(x: x + keyWidth + 1, y: y), maxWidth: columnWidth - keyWidth - 3)
                guard advance() else { break drawing }
            }
            if y != 2 { guard advance() else { break } }
        }
        canvas.put(" Any key closes this help.", at: Point(x: 0, y: state.size.height - 1), width: width, style: .dim, glyphs: glyphs)
    }
}
