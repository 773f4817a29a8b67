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
                        (DialogAction.keymap.title, DialogAction.keymap.helpLines(ascii: state.ascii))]
        case .users:
            sections = [(UsersAction.keymap.title, UsersAction.keymap.helpLines(ascii: state.ascii)),
                        ("While filtering", FilterAction.keymap.helpLines(ascii: state.ascii))]
        }
        var y = 2
        let keyWidth = 16
        // Two columns when the terminal is wide enough, so everything fits at 80x24.
        let columns = width >= 80 ? 2 : 1
        let columnWidth = width / columns
        var column = 0
        for (title, lines) in sections {
            if y + lines.count + 1 > state.size.height - 2, column + 1 < columns {
                column += 1
                y = 2
            }
            let x = column * columnWidth + 2
            canvas.put(title, at: Point(x: x, y: y), style: .accent)
            y += 1
            for line in lines where y < state.size.height - 2 {
                canvas.put(line.keys, at: Point(x: x, y: y), width: keyWidth, style: .accent, glyphs: glyphs)
                canvas.put(line.help, at: Point(x: x + keyWidth + 1, y: y), maxWidth: columnWidth - keyWidth - 3)
                y += 1
            }
            y += 1
        }
        canvas.put(" Any key closes this help.", at: Point(x: 0, y: state.size.height - 1), width: width, style: .dim, glyphs: glyphs)
    }
}
