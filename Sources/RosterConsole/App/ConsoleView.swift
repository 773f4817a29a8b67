import Foundation
import RosterTerminal

/// Draws the whole console for a state: state in, cells out.
public enum ConsoleView {
    /// The frame for a state, drawn on a fresh cell grid: what the runtime presents. (Drawing
    /// through this, rather than the generic `draw` from another module, gets the version
    /// specialized for `CellGrid`.)
    public static func frame(_ state: ConsoleState, formatting: Formatting, now: Date) -> CellGrid {
        var grid = CellGrid(size: state.size)
        draw(state, formatting: formatting, now: now, on: &grid)
        return grid
    }

    public static func draw(_ state: ConsoleState, formatting: Formatting, now: Date, on canvas: inout some Canvas) {
        let glyphs: Glyphs = state.ascii ? .ascii : .unicode
        canvas.cursor = nil
        canvas.fill(Rect(x: 0, y: 0, width: canvas.size.width, height: canvas.size.height))
        if state.isTooSmall {
            drawTooSmall(state, on: &canvas)
            return
        }
        if state.showingHelp {
            HelpView.draw(in: state, glyphs: glyphs, on: &canvas)
            return
        }
        switch state.screen {
        case .signIn(let form):
            SignInView.draw(form, in: state, glyphs: glyphs, on: &canvas)
        case .step(let step):
            StepView.draw(step, in: state, glyphs: glyphs, on: &canvas)
        case .users(let users):
            drawTitle(state, glyphs: glyphs, on: &canvas)
            UsersView.draw(users, in: state, formatting: formatting, now: now, glyphs: glyphs, on: &canvas)
        case .feature(let shown):
            drawTitle(state, glyphs: glyphs, on: &canvas)
            ConsoleFeatures.feature(shown.screen)?.drawScreen(state, formatting: formatting, glyphs: glyphs, on: &canvas)
        }
        if let palette = state.palette { PaletteView.draw(palette, in: state, glyphs: glyphs, on: &canvas) }
        if let reauth = state.reauth {
            reauth.box(ascii: state.ascii).draw(on: &canvas, glyphs: glyphs)
            KeyHints(ReauthAction.keymap.footerHints(ascii: state.ascii))
                .draw(at: Point(x: 0, y: state.size.height - 1), width: state.size.width, on: &canvas)
        }
    }

    static func drawTitle(_ state: ConsoleState, glyphs: Glyphs, on canvas: inout some Canvas) {
        let width = state.size.width
        canvas.put(" Roster", at: Point(x: 0, y: 0), style: .accent)
        // The main screens as tabs (Tab, 1, 2 switch): the current one lit, the others dim;
        // requests waiting for this operator's approval counted on their tab, in the warning color.
        // On the approvals screen its own rows are the newest count (an approval just made).
        let shownApprovals = ApprovalsFeature.state(of: state.screen)
        let waiting = shownApprovals.map { $0.waiting(notAskedBy: state.signedIn?.email) } ?? state.signedIn?.approvalsWaiting ?? 0
        let titles = ScreenID.all.map { id in id == ApprovalsFeature.screen && waiting > 0 ? "\(id.title) \(waiting)" : id.title }
        // Two spaces between tabs where the operator's email still fits beside them, else one.
        let email = (state.signedIn?.email.count ?? 0) + 2
        let gap = 9 + titles.map(\.count).reduce(0, +) + 2 * titles.count + email <= width ? 2 : 1
        var x = 9
        for (id, title) in zip(ScreenID.all, titles) {
            let style: Style = id == state.screen.id ? .normal : title != id.title ? .warning : .dim
            x += canvas.put(title, at: Point(x: x, y: 0), style: style) + gap
        }
        if state.readOnly {
            // Said whole where it fits; at 80 columns beside six tabs, the short form.
            let full = " READ-ONLY: changes are off "
            x += canvas.put(width - x >= full.count ? full : " READ-ONLY ", at: Point(x: x, y: 0), style: .warning)
        }
        // Who is signed in, right-aligned in the room left; never over the tabs or the read-only warning.
        if let who = state.signedIn {
            let room = width - x - 1
            // The role goes first when room is short; the email is cut last.
            let full = "\(who.email) (\(who.role.title)) "
            let text = DisplayWidth.of(TextSanitizer.sanitize(full)) <= room ? full : "\(who.email) "
            let w = min(DisplayWidth.of(TextSanitizer.sanitize(text)), room)
            if w > 8 { canvas.put(text, at: Point(x: width - w, y: 0), style: .dim, maxWidth: w) }
        }
    }

    static func drawTooSmall(_ state: ConsoleState, on canvas: inout some Canvas) {
        let lines = [
            "Terminal too small",
            "\(state.size.width)x\(state.size.height); Roster needs \(ConsoleState.minimumSize.width)x\(ConsoleState.minimumSize.height).",
            "Enlarge the window, or press q to quit.",
        ]
        let top = max(0, (state.size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (state.size.width - line.count) / 2)
            canvas.put(line, at: Point(x: x, y: top + i), style: i == 0 ? .warning : .normal)
        }
    }
}
