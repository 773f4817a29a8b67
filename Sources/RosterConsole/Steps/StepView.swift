import RosterCore
import RosterTerminal

/// Draws a pending step: a short form, the MFA enrollment with its QR code, the recovery
/// codes once, or the terms to read and answer. Nothing of the directory is drawn.
enum StepView {
    static func draw(_ step: StepState, in state: ConsoleState, glyphs: Glyphs, on canvas: inout some Canvas) {
        let size = state.size
        let width = min(72, size.width - 4)
        let x = (size.width - width) / 2
        canvas.put(" Roster", at: Point(x: 0, y: 0), style: .accent)
        if let who = state.signedIn {
            let text = "\(who.email) "
            let w = min(DisplayWidth.of(TextSanitizer.sanitize(text)), size.width - 10)
            canvas.put(text, at: Point(x: size.width - w, y: 0), style: .dim, maxWidth: w)
        }
        var y = 2
        func paragraph(_ text: String, style: Style = .normal) {
            for line in TextWrap.lines(TextSanitizer.sanitize(text), width: width) where y < size.height - 2 {
                canvas.put(line, at: Point(x: x, y: y), style: style, maxWidth: width)
                y += 1
            }
        }
        switch step.step {
        case .changePassword:
            canvas.put("Choose a new password", at: Point(x: x, y: y), style: .accent)
            y += 2
            paragraph("Your password must be changed before you continue: type the current one, then a new one of 12 or more characters (a few words make a good passphrase).")
        case .enrollMFA:
            canvas.put("Set up two-factor sign-in", at: Point(x: x, y: y), style: .accent)
            y += 2
            if let codes = step.recoveryCodes {
                paragraph("MFA is on. These recovery codes each sign you in once if you lose your device. Copy them now: they are not shown again.")
                y += 1
                for code in codes where y < size.height - 3 {
                    canvas.put(code, at: Point(x: x + 2, y: y), style: .accent)
                    y += 1
                }
            } else if let enrollment = step.enrollment {
                drawEnrollment(enrollment, x: x, y: &y, width: width, state: state, glyphs: glyphs, on: &canvas)
            } else {
                paragraph("Your account must use an authenticator app before you continue. Type your password to begin.")
            }
        case .acceptTerms:
            canvas.put("Terms of service", at: Point(x: x, y: y), style: .accent)
            y += 2
            drawTerms(step, x: x, y: y, width: width, height: size.height - y - 3, glyphs: glyphs, on: &canvas)
            y = size.height - 3
        }
        if step.mode == .form {
            y += 1
            for (index, label) in step.labels.enumerated() where y < size.height - 3 {
                let focused = index == step.focus
                canvas.put(label, at: Point(x: x, y: y), style: focused ? .accent : .normal)
                let value = step.fields.indices.contains(index) ? step.fields[index] : ""
                // Passwords are masked; an MFA code is not secret once typed.
                let shown = step.step == .enrollMFA && step.enrollment != nil ? value : String(repeating: "*", count: value.count)
                canvas.put(shown, at: Point(x: x + 10, y: y), width: width - 10, style: .selected, glyphs: glyphs)
                if focused { canvas.cursor = Point(x: x + 10 + min(DisplayWidth.of(shown), width - 11), y: y) }
                y += 2
            }
        }
        if step.busy {
            canvas.put("Working\(glyphs.ellipsis)", at: Point(x: x, y: min(y, size.height - 3)), style: .dim)
        } else if let message = step.message {
            y = min(y, size.height - 3)
            paragraph(message, style: .danger)
        }
        KeyHints(StepAction.keymap(step.mode).footerHints(ascii: state.ascii))
            .draw(at: Point(x: 0, y: size.height - 1), width: size.width, on: &canvas)
    }

    /// The QR code when the terminal is tall enough, and always the secret to type by hand.
    static func drawEnrollment(_ enrollment: MFAEnrollment, x: Int, y: inout Int, width: Int, state: ConsoleState,
                               glyphs: Glyphs, on canvas: inout some Canvas) {
        let lines = QRCode(enrollment.uri)?.lines(unicode: !state.ascii) ?? []
        let room = state.size.height - y - 8
        if !lines.isEmpty, lines.count <= room, (lines.first.map(DisplayWidth.of) ?? 0) <= width {
            canvas.put("Scan this with your authenticator app:", at: Point(x: x, y: y))
            y += 1
            for line in lines {
                canvas.put(line, at: Point(x: x, y: y))
                y += 1
            }
        } else {
            canvas.put("Enlarge the terminal to see a QR code, or type the secret by hand.", at: Point(x: x, y: y), style: .dim, maxWidth: width)
            y += 1
        }
        canvas.put("Secret: ", at: Point(x: x, y: y))
        canvas.put(enrollment.secret, at: Point(x: x + 8, y: y), style: .accent, maxWidth: width - 8)
        y += 1
        canvas.put("Then type the 6-digit code the app shows.", at: Point(x: x, y: y), style: .dim, maxWidth: width)
        y += 1
    }

    static func drawTerms(_ step: StepState, x: Int, y: Int, width: Int, height: Int, glyphs: Glyphs, on canvas: inout some Canvas) {
        guard let terms = step.terms else {
            canvas.put("Loading\(glyphs.ellipsis)", at: Point(x: x, y: y), style: .dim)
            return
        }
        // Set by an administrator, but data all the same: sanitized like any name.
        let lines = terms.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { TextWrap.lines(TextSanitizer.sanitize(String($0)), width: width - 2).orEmptyLine }
        let top = min(step.scroll, max(0, lines.count - height))
        for (offset, line) in lines.dropFirst(top).prefix(max(0, height)).enumerated() {
            canvas.put(line, at: Point(x: x + 1, y: y + offset), maxWidth: width - 2)
        }
        if lines.count > height {
            let end = min(lines.count, top + height)
            canvas.put("lines \(top + 1)–\(end) of \(lines.count)", at: Point(x: x, y: y + height), style: .dim)
        }
    }
}

extension Array where Element == String {
    /// A blank line stays a line.
    fileprivate var orEmptyLine: [String] { isEmpty ? [""] : self }
}
