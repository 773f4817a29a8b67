import RosterTerminal

/// Draws the create flow over the table, and its keys in the footer.
enum CreateUserView {
    static func draw(_ creating: CreateUserState, ascii: Bool, on canvas: inout some Canvas, glyphs: Glyphs) {
        switch creating.phase {
        case .form, .working: creating.form.box(ascii: ascii).draw(on: &canvas, glyphs: glyphs)
        case .confirming(let dialog): dialog.box.draw(on: &canvas, glyphs: glyphs)
        case .created(let secret): SecretAction.box(secret).draw(on: &canvas, glyphs: glyphs)
        }
    }

    static func footer(_ creating: CreateUserState, ascii: Bool) -> [KeyHint] {
        switch creating.phase {
        case .form: FormAction.keymap.footerHints(ascii: ascii)
        case .confirming: DialogAction.keymap.footerHints(ascii: ascii)
        case .working: [KeyHint(keys: "", label: "creating\u{2026}", enabled: false)]
        case .created: SecretAction.keymap.footerHints(ascii: ascii)
        }
    }
}
