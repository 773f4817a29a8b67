/// A full-screen terminal the console runs on: the ncurses backend in the app,
/// a scripted fake in tests. Used from one thread only.
public protocol TerminalDevice: AnyObject {
    var size: Size { get }
    var theme: Theme { get }
    var glyphs: Glyphs { get }
    /// The next key or resize, waiting at most `timeoutMilliseconds`; nil when nothing happened.
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent?
    /// Shows `grid`, updating only what changed.
    func present(_ grid: CellGrid)
    /// Ends a `nextEvent` that is waiting, from any thread: a worker's result is then drawn at
    /// once. Nil when the terminal can't be woken; the console then polls while work is out.
    var waker: (@Sendable () -> Void)? { get }
}

extension TerminalDevice {
    public var waker: (@Sendable () -> Void)? { nil }
}
