import RosterTerminal

/// What a key does while a bulk action runs.
public enum BulkRunAction: Equatable, Sendable {
    case cancel
}

/// What a key does on a bulk action's report.
public enum BulkReportAction: Equatable, Sendable {
    case scroll(Int)
    case close
}

extension BulkRunAction {
    public static let keymap = Keymap<BulkRunAction>("Bulk action running", [
        // Ctrl-C stops the run rather than quitting with it half done.
        Binding([.escape, .control("c")], "stop after the user in hand", footer: true, .cancel),
    ])
}

extension BulkReportAction {
    public static let keymap = Keymap<BulkReportAction>("Bulk action report", [
        Binding(["j", .down], "scroll down", footer: true, .scroll(1)),
        Binding(["k", .up], "scroll up", .scroll(-1)),
        Binding([.pageDown, " "], "page down", .scroll(10)),
        Binding([.pageUp], "page up", .scroll(-10)),
        Binding([.escape, .enter, "q", .control("c")], "close", footer: true, .close),
    ])
}
