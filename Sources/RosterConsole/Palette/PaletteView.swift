import RosterTerminal

/// Draws the palette over the screen it was opened on, and its keys in the footer.
enum PaletteView {
    static func draw(_ palette: PaletteState, in state: ConsoleState, glyphs: Glyphs, on canvas: inout some Canvas) {
        let items = palette.matches.map { entry in
            PickerBox.Item(label: entry.title, hint: entry.refusal.map { "(\($0))" } ?? entry.keys, enabled: entry.refusal == nil)
        }
        let chosen = palette.matches.indices.contains(palette.selected) ? palette.matches[palette.selected] : nil
        PickerBox(title: "Commands", query: palette.query, items: items, selected: palette.selected, detail: chosen?.refusal)
            .draw(on: &canvas, glyphs: glyphs)
        KeyHints(PaletteAction.keymap.footerHints(ascii: state.ascii))
            .draw(at: Point(x: 0, y: state.size.height - 1), width: state.size.width, on: &canvas)
    }
}
