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
}
