import Foundation
import RosterTerminal

/// A terminal with a script instead of a person: it hands the console one key at a time and,
/// after each frame, asks the benchmark whether the screen shows the answer yet.
final class BenchTerminal: TerminalDevice {
    let size: Size
    let theme = Theme.choose(colors: 256, environment: [:])
    let glyphs = Glyphs.unicode
    /// Keys waiting to be "typed".
    var queue: [Key] = []
    /// Called after every frame is drawn (the grid is what the person would see).
    var onFrame: (CellGrid) -> Void = { _ in }
    private(set) var frames = 0
    /// Ends a wait for input early, as the ncurses terminal's wake pipe does.
    private let wake = DispatchSemaphore(value: 0)
    var waker: (@Sendable () -> Void)? { { [wake] in wake.signal() } }

    init(size: Size) {
        self.size = size
    }

    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        if !queue.isEmpty { return .key(queue.removeFirst()) }
        // Nothing typed: wait as ncurses would, until a worker's result wakes the console.
        if timeoutMilliseconds > 0 { _ = wake.wait(timeout: .now() + .milliseconds(timeoutMilliseconds)) }
        return queue.isEmpty ? nil : .key(queue.removeFirst())
    }

    func present(_ grid: CellGrid) {
        frames += 1
        onFrame(grid)
    }
}
