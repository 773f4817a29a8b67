import RosterTerminal

/// The `?` screen, generated from the keymaps so it always tells the truth.
enum HelpView {
    /// One line of the help, placed: a section title, or keys and what they do.
    struct Line {
        var column: Int
        var row: Int
        var title: String?
        var keys = ""
        var help = ""
    }

    static func draw(in state: ConsoleState, glyphs: Glyphs, on canvas: inout some Canvas) {
        let width = state.size.width
        canvas.fill(Rect(x: 0, y: 0, width: width, height: state.size.height))
        canvas.put(" Keys", at: Point(x: 0, y: 0), width: width, style: .header, glyphs: glyphs)
        let (lines, pages) = layout(state)
        let columns = width >= 80 ? 2 : 1
        let columnWidth = width / columns
        let keyWidth = min(16, max(12, columnWidth / 4))
        let page = min(state.helpPage, pages - 1)
        for line in lines where line.column / columns == page {
            let x = (line.column % columns) * columnWidth + 2
            if let title = line.title {
                canvas.put(title, at: Point(x: x, y: line.row), style: .accent)
            } else {
                canvas.put(line.keys, at: Point(x: x, y: line.row), width: keyWidth, style: .accent, glyphs: glyphs)
                canvas.put(line.help, at: Point(x: x + keyWidth + 1, y: line.row), maxWidth: columnWidth - keyWidth - 3)
            }
        }
        let footer = pages > 1 ? " Page \(page + 1) of \(pages): Space or PgDn for more, PgUp back; any other key closes this help."
            : " Any key closes this help."
        canvas.put(footer, at: Point(x: 0, y: state.size.height - 1), width: width, style: .dim, glyphs: glyphs)
    }

    /// Every line placed down as many columns as it takes, two to a page (one below 80
    /// columns), and how many pages that makes.
    static func layout(_ state: ConsoleState) -> (lines: [Line], pages: Int) {
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
        case .feature(let shown):
            sections = ConsoleFeatures.feature(shown.screen)?.helpSections(state) ?? []
        case .users:
            sections = [(UsersAction.keymap.title, UsersAction.keymap.helpLines(ascii: state.ascii)),
                        (AppAction.keymap.title, AppAction.keymap.helpLines(ascii: state.ascii)),
                        ("While filtering", FilterAction.keymap.helpLines(ascii: state.ascii))]
        }
        let bottom = state.size.height - 2
        var lines: [Line] = []
        var column = 0, row = 2
        func advance() {
            row += 1
            if row >= bottom { column += 1; row = 2 }
        }
        for (title, entries) in sections {
            // A title never sits alone at the foot of a column.
            if row + 2 > bottom { column += 1; row = 2 }
            lines.append(Line(column: column, row: row, title: title))
            advance()
            for entry in entries {
                lines.append(Line(column: column, row: row, title: nil, keys: entry.keys, help: entry.help))
                advance()
            }
            if row != 2 { advance() }
        }
        let perPage = state.size.width >= 80 ? 2 : 1
        let used = (lines.map(\.column).max() ?? 0) + 1
        return (lines, (used + perPage - 1) / perPage)
    }
}
