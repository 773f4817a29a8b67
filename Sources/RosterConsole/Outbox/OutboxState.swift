import RosterCore
import RosterTerminal

/// The outbox screen: queued, sent and failed mail with attempts and errors (never bodies:
/// they carry links); administrators put a failed message back in the queue.
public struct OutboxState: Equatable, Sendable {
    public var rows: [OutboxMessage] = []
    public var selected = 0
    public var loading = true
    public var error: String?
    public var dialog: ConfirmDialog?
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

    static func reduce(_ state: inout OutboxState, key: Key, role: SystemRole?, readOnly: Bool) -> [Effect] {
        if state.working { return [] }
        if state.dialog != nil {
            guard case .retryMail(let id)? = ConfirmDialog.key(key, on: &state.dialog) else { return [] }
            state.working = true
            return [.retryMail(id)]
        }
        state.notice = nil
        switch keymap.action(for: key) {
        case .move(let by)?:
            if !state.rows.isEmpty { state.selected = max(0, min(state.rows.count - 1, state.selected + by)) }
        case .reload?:
            state.loading = true
            return [.loadOutbox]
        case .retry?:
            guard let message = state.selectedRow, let id = message.id else { return [] }
            if readOnly {
                state.say(ReadOnlyConsole.refusal, refused: true)
            } else if let refusal = Policy.checkMailRetry(by: SettingsReducer.operatorActor(role)) {
                state.say(refusal.message, refused: true)
            } else if message.status == .sent {
                state.say("That message was sent; there is nothing to retry.", refused: true)
            } else {
                state.dialog = ConfirmDialog(.retryMail(id), title: "Retry a message",
                                             message: ["Put “\(message.subject)” to \(message.recipient) back in the queue? "
                                                + "It has been tried \(message.attempts) time(s)"
                                                + (message.lastError.map { "; the last error was: \($0)" } ?? "") + ".",
                                                       "The next `roster mail deliver` run sends it."],
                                             confirmLabel: "Retry")
            }
        case nil:
            break
        }
        return []
    }
}
