import CNcursesw
import Foundation
import RosterTerminal

/// Why the terminal can't host the console.
public enum TerminalProblem: Error, CustomStringConvertible {
    case notATerminal
    case unknownTerminal(String)
    case cannotAddressCursor(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "Standard input and output must be a terminal for the console. For scripts, use the subcommands (roster --help)."
        case .unknownTerminal(let term):
            "Unknown terminal type “\(term)”. Set TERM to one your system knows, such as xterm-256color or screen-256color."
        case .cannotAddressCursor(let term):
            "The terminal “\(term)” can't move the cursor, so a full-screen console can't run. Use a real terminal, or the subcommands."
        }
    }
}

/// The ncurses backend: draws a `CellGrid`, reads keys, reports resizes.
/// Create, use and close it on one thread: ncurses is not thread-safe.
public final class CursesTerminal: TerminalDevice {
    public let theme: Theme
    public let glyphs: Glyphs
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var pairs = ColorPairPool(colorPairs: 0)
    private var closed = false
    /// The last column is left blank where writing it would make ncurses and the terminal
    /// disagree about the cursor (`roster_wrap_is_ambiguous`): the layout stays, one column narrower.
    private var skipsLastColumn = false
    /// The frame ncurses holds now: cells that didn't change since are not handed to it again
    /// (a frame is a few thousand cells; a keystroke changes a few hundred). Nil after a resize
    /// or a redefined picture color, when everything is drawn again.
    private var shown: CellGrid?
    /// A pipe whose write end any thread may poke to end a wait for keys (`waker`).
    private let wakePipe = WakePipe()
    /// Set when a picture's color pair was (re)defined while drawing a frame.
    private var pairRedefined = false

    /// Takes over the terminal. Checks the terminal type first, so a bad `TERM` leaves it untouched.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalProblem.notATerminal }
        setlocale(LC_ALL, "")
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty else { throw TerminalProblem.unknownTerminal(term) }
        switch roster_terminal_usable(term) {
        case 1: break
        case 0: throw TerminalProblem.cannotAddressCursor(term)
        default: throw TerminalProblem.unknownTerminal(term)
        }
        glyphs = roster_locale_is_utf8() == 1 ? .unicode : .ascii
        screen = roster_newterm()
        guard screen != nil else { throw TerminalProblem.unknownTerminal(term) }
        window = roster_stdscr()
        skipsLastColumn = roster_wrap_is_ambiguous() == 1
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        // How long a lone Esc waits to be told from the start of a key's sequence (an arrow is
        // Esc [ A). A key's bytes arrive in one write, over SSH too, so 10 ms (tmux's default)
        // is plenty, and Esc (close, clear, cancel: the most pressed key here) answers 15 ms
        // sooner than at 25. ESCDELAY in the environment, which ncurses has read, wins.
        if environment["ESCDELAY"] == nil { set_escdelay(10) }
        mousemask(0, nil)
        curs_set(0)
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(roster_colors())
            pairs = ColorPairPool(colorPairs: Int(roster_color_pairs()))
        }
        theme = Theme.choose(colors: colors, environment: environment)
    }

    /// Gives the terminal back as it was. Safe to call twice.
    public func close() {
        guard !closed else { return }
        closed = true
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
    }

    /// Keeps the pipe open as long as anyone may still wake (workers can post after `close`).
    public var waker: (@Sendable () -> Void)? {
        guard let wakePipe else { return nil }
        return { wakePipe.wake() }
    }

    deinit { close() }

    public var size: Size {
        Size(width: Int(roster_cols()), height: Int(roster_lines()))
    }

    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        guard let wakePipe, timeoutMilliseconds > 0 else { return readEvent(timeoutMilliseconds: timeoutMilliseconds) }
        // Keys ncurses already read ahead come first; then wait for the terminal or a wake-up,
        // whichever is sooner (a resize interrupts the wait, and ncurses reports it next).
        if let event = readEvent(timeoutMilliseconds: 0) { return event }
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: wakePipe.readEnd, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, 2, Int32(timeoutMilliseconds))
        wakePipe.drain()
        return readEvent(timeoutMilliseconds: 0)
    }

    private func readEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        wtimeout(window, Int32(timeoutMilliseconds))
        var wide: wint_t = 0
        let result = wget_wch(window, &wide)
        switch result {
        case KEY_CODE_YES:
            if Int32(wide) == KEY_RESIZE {
                shown = nil
                return .resize(size)
            }
            return Self.key(forCode: Int32(wide)).map(TerminalEvent.key)
        case OK where wide == 27:
            return readEscapeSequence()
        case OK:
            return Self.key(forCharacter: UInt32(wide)).map(TerminalEvent.key)
        default:
            return nil
        }
    }

    /// Esc, or a sequence ncurses did not know (see `Key.escapeSequence`): what came right
    /// behind Esc is read without waiting, and anything read that starts no sequence is given
    /// back to ncurses to be read as the next key.
    private func readEscapeSequence() -> TerminalEvent? {
        var lastRead: (code: Int32, isKeyCode: Bool)?
        let sequence = Key.escapeSequence {
            wtimeout(window, 0)
            var next: wint_t = 0
            let result = wget_wch(window, &next)
            guard result == OK || result == KEY_CODE_YES else { return nil }
            lastRead = (Int32(bitPattern: UInt32(next)), result == KEY_CODE_YES)
            return result == OK ? UInt32(next) : nil
        }
        switch sequence {
        case .escape:
            if let lastRead {
                if lastRead.isKeyCode { ungetch(lastRead.code) } else { unget_wch(wchar_t(lastRead.code)) }
            }
            return .key(.escape)
        case .key(let key):
            return .key(key)
        case .ignored:
            return nil
        }
    }

    static func key(forCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_NPAGE: .pageDown
        case KEY_PPAGE: .pageUp
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_BTAB: .backTab
        case KEY_F0 + 1 ... KEY_F0 + 12: .function(Int(code - KEY_F0))
        default: nil
        }
    }

    static func key(forCharacter value: UInt32) -> Key? {
        Key(character: value)
    }

    public func present(_ grid: CellGrid) {
        let previous = shown?.size == grid.size ? shown : nil
        shown = grid
        pairRedefined = false
        drawCells(grid, changedSince: previous)
        // A picture's pair may be one taken back from an older picture still on screen, whose
        // cells were skipped as unchanged: draw every cell again now.
        if pairRedefined, previous != nil { drawCells(grid, changedSince: nil) }
        if let cursor = grid.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(window)
    }

    private func drawCells(_ grid: CellGrid, changedSince previous: CellGrid?) {
        let size = grid.size
        let drawn = skipsLastColumn ? size.width - 1 : size.width
        for y in 0..<size.height {
            // Most rows are as the last frame left them (a keystroke changes the table's rows
            // and the status line): one pass over the row skips it, as the rules below would
            // cell by cell, at a fraction of their cost. A row holding a picture goes on below.
            if let previous, Self.sameRow(y, of: grid, as: previous) { continue }
            var leftChanged = false
            for x in 0..<drawn {
                var cell = grid[x, y]
                if cell.isContinuation { continue }
                // Skipped when unchanged, like the cell after it (which decides how a wide one is
                // cut), unless the cell to its left changed (a terminal measuring a character
                // wider than we do spills it into this one). Pictures are always drawn, which
                // keeps their color pairs in use.
                let unchanged = previous.map { $0[x, y] == cell && (x + 1 >= size.width || $0[x + 1, y] == grid[x + 1, y]) } ?? false
                defer { leftChanged = !unchanged }
                if unchanged, !leftChanged, cell.style.tint == nil { continue }
                // A wide character that would end in the skipped column is shown as a space.
                if x == drawn - 1, x + 1 < size.width, grid[x + 1, y].isContinuation { cell.character = " " }
                // Writing the bottom-right cell returns ERR (the cursor can't advance) but draws it.
                guard glyphs == .ascii, !cell.character.isASCII else {
                    draw(cell, x: x, y: y)
                    continue
                }
                let columns = x + 1 < size.width && grid[x + 1, y].isContinuation ? 2 : 1
                for (offset, character) in AsciiFallback.text(for: cell.character, columns: columns).enumerated() {
                    var shown = cell
                    shown.character = character
                    draw(shown, x: x + offset, y: y)
                }
            }
        }
    }

    /// Whether row `y` of `grid` is cell for cell the same as in `previous` (of the same size)
    /// and holds no picture.
    private static func sameRow(_ y: Int, of grid: CellGrid, as previous: CellGrid) -> Bool {
        let width = grid.size.width
        return grid.cells.withUnsafeBufferPointer { now in
            previous.cells.withUnsafeBufferPointer { before in
                for index in y * width..<(y + 1) * width where now[index] != before[index] || now[index].style.tint != nil {
                    return false
                }
                return true
            }
        }
    }

    private func draw(_ cell: CellGrid.Cell, x: Int, y: Int) {
        let appearance = theme.appearance(of: cell.style)
        var attributes: attr_t = 0
        if appearance.bold { attributes |= attr_t(roster_a_bold()) }
        if appearance.underline { attributes |= attr_t(roster_a_underline()) }
        if appearance.reverse { attributes |= attr_t(roster_a_reverse()) }
        if appearance.dim { attributes |= attr_t(roster_a_dim()) }
        let pair = colorPair(appearance, picture: cell.style.tint != nil)
        // A picture on a terminal without colors: a blank, not half blocks in one color.
        let character = theme.draws(cell.style) ? cell.character : " "
        var characters = Array(String(character).unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) })
        characters.append(0)
        var complex = cchar_t()
        setcchar(&complex, characters, attributes, pair, nil)
        mvwadd_wch(window, Int32(y), Int32(x), &complex)
    }

    private func colorPair(_ appearance: Appearance, picture: Bool) -> Int16 {
        guard appearance.foreground != .default || appearance.background != .default else { return 0 }
        var key = appearance
        key.bold = false; key.underline = false; key.reverse = false; key.dim = false
        guard let (number, isNew) = pairs.pair(for: key, picture: picture), let pair = Int16(exactly: number) else { return 0 }
        if isNew { init_pair(pair, Self.number(appearance.foreground), Self.number(appearance.background)) }
        if isNew && picture { pairRedefined = true }
        return pair
    }

    private static func number(_ color: TerminalColor) -> Int16 {
        switch color {
        case .default: -1
        case .ansi(let n): Int16(n)
        case .indexed(let n): Int16(n)
        }
    }
}

/// A non-blocking pipe that ends `poll` in `CursesTerminal.nextEvent` when a worker posts a
/// result. Closed only when the last holder lets go: a worker may still post after the
/// terminal is closed, and a closed descriptor's number may by then name another file.
final class WakePipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    init?() {
        var ends: [Int32] = [0, 0]
        // (pipe2 isn't in Swift's Glibc module; the console starts no processes meanwhile.)
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        Foundation.close(readEnd)
        Foundation.close(writeEnd)
    }

    func wake() {
        var byte: UInt8 = 1
        // A full pipe already holds a wake-up: nothing is lost when this write fails.
        _ = write(writeEnd, &byte, 1)
    }

    func drain() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &bytes, bytes.count) > 0 {}
    }
}
