import RosterCore
import RosterTerminal

/// The outbox screen: queued, sent and failed mail with attempts and errors (never bodies:
/// they carry links); administrators put a failed message back in the queue.
public struct OutboxState: Equatable, Sendable {
    public var rows: [OutboxMessage] = []
    public var selected = 0
    public var loading = true
    public var error: String?
    var dialog: ConfirmDialog<OutboxFeature.Work>?
    public var working = false
    public var notice: String?
    public var noticeRefused = false

    public init() {}

    public var selectedRow: OutboxMessage? { rows.indices.contains(selected) ? rows[selected] : nil }
}

/// What a key does on the outbox screen.
public enum OutboxAction: Equatable, Sendable {
    case move(Int)
    case retry
    case reload
}

extension OutboxAction {
    public static let keymap = Keymap<OutboxAction>("Outbox", id: "outbox", [
        Binding(id: "down", ["j", .down], "down", footer: true, .move(1)),
        Binding(id: "up", ["k", .up], "up", .move(-1)),
        Binding(id: "retry", ["t"], "try sending again (administrators)", short: "retry", footer: true, .retry),
        Binding(id: "read-again", ["r", .control("l")], "read again", .reload),
    ])
}
