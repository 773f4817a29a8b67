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
    public static let keymap = Keymap<BulkRunAction>("Bulk action running", id: "bulk-action-running", [
        // Ctrl-C stops the run rather than quitting with it half done.
        Binding(id: "stop-after-the-user-in-hand", [.escape, .control("c")], "stop after the user in hand", footer: true, .cancel),
    ])
}

extension BulkReportAction {
    public static let keymap = Keymap<BulkReportAction>("Bulk action report", id: "bulk-action-report", [
        Binding(id: "scroll-down", ["j", .down], "scroll down", footer: true, .scroll(1)),
        Binding(id: "scroll-up", ["k", .up], "scroll up", .scroll(-1)),
        Binding(id: "page-down", [.pageDown, " "], "page down", .scroll(10)),
        Binding(id: "page-up", [.pageUp], "page up", .scroll(-10)),
        Binding(id: "close", [.escape, .enter, "q", .control("c")], "close", footer: true, .close),
    ])
}
