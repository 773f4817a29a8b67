import RosterTerminal

/// Draws the sign-in form, centered.
enum SignInView {
    static func draw(_ form: SignInState, in state: ConsoleState, glyphs: Glyphs, on canvas: inout some Canvas) {
        let width = min(56, state.size.width - 4)
        let x = (state.size.width - width) / 2
        var y = max(1, (state.size.height - 12) / 2)
        canvas.put("Roster", at: Point(x: x, y: y), style: .accent)
        canvas.put("Sign in to manage user accounts", at: Point(x: x + 8, y: y), style: .dim, maxWidth: width - 8)
        y += 2
        func field(_ label: String, _ value: String, _ which: SignInState.Field) {
            let focused = form.focus == which
            canvas.put(label, at: Point(x: x, y: y), style: focused ? .accent : .normal)
            let fieldX = x + 10
            let fieldWidth = width - 10
            canvas.put(value, at: Point(x: fieldX, y: y), width: fieldWidth, style: .selected, glyphs: glyphs)
            if focused { canvas.cursor = Point(x: fieldX + min(DisplayWidth.of(TextSanitizer.sanitize(value)), fieldWidth - 1), y: y) }
            y += 2
        }
        field("Email", form.email, .email)
        field("Password", String(repeating: "*", count: form.password.count), .password)
        if form.needsCode { field("Code", form.code, .code) }
        if form.busy {
            canvas.put("Signing in\(glyphs.ellipsis)", at: Point(x: x, y: y), style: .dim)
        } else if let message = form.message {
            for line in TextWrap.lines(TextSanitizer.sanitize(message), width: width).prefix(2) {
                canvas.put(line, at: Point(x: x, y: y), style: .danger, maxWidth: width)
                y += 1
            }
        }
        y += 2
        if let hint = form.demoHint {
            for line in TextWrap.lines(TextSanitizer.sanitize(hint), width: width) where y < state.size.height - 2 {
                canvas.put(line, at: Point(x: x, y: y), style: .dim, maxWidth: width)
                y += 1
            }
        }
        KeyHints(SignInAction.keymap.footerHints(ascii: state.ascii)).draw(at: Point(x: 0, y: state.size.height - 1), width: state.size.width, on: &canvas)
    }
}
