import RosterCore
import RosterTerminal

/// The outbox screen (4): the newest mail, and putting a message that failed back in the queue.
enum OutboxFeature: ScreenFeature {
    static let screen = ScreenID("outbox", title: "Outbox", help: "outbox")
    static var keymap: Keymap<OutboxAction> { OutboxAction.keymap }

    enum Work: Equatable, Sendable {
        case load
        case retry(Int64)
    }

    enum Outcome: Equatable, Sendable {
        case loaded(Result<[OutboxMessage], ScreenReadFailure>)
        case retried(ChangeResult)
    }

    static func open(_ parked: OutboxState?, _ context: ScreenContext) -> (OutboxState, [Work]) {
        var state = parked ?? OutboxState()
        state.loading = true
        return (state, [.load])
    }

    static func capturesKeys(_ state: OutboxState) -> Bool { state.dialog != nil || state.working }

    static func refusal(_ action: OutboxAction, _ state: OutboxState, _ context: ScreenContext) -> String? {
        action == .retry ? SettingsReducer.refusal(context.role, readOnly: context.readOnly) : nil
    }

    static func reduce(_ state: inout OutboxState, key: Key, _ context: ScreenContext) -> [Work] {
        if state.working { return [] }
        if state.dialog != nil {
            guard let work = ConfirmDialog.key(key, on: &state.dialog) else { return [] }
            state.working = true
            return [work]
        }
        state.notice = nil
        switch keymap.action(for: key) {
        case .move(let by)?:
            if !state.rows.isEmpty { state.selected = max(0, min(state.rows.count - 1, state.selected + by)) }
        case .reload?:
            state.loading = true
            return [.load]
        case .retry?:
            guard let message = state.selectedRow, let id = message.id else { return [] }
            if context.readOnly {
                state.say(ReadOnlyConsole.refusal, refused: true)
            } else if let refusal = Policy.checkMailRetry(by: SettingsReducer.operatorActor(context.role)) {
                state.say(refusal.message, refused: true)
            } else if message.status == .sent {
                state.say("That message was sent; there is nothing to retry.", refused: true)
            } else {
                state.dialog = ConfirmDialog(.retry(id), title: "Retry a message",
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

    static func reduce(_ state: inout OutboxState, outcome: Outcome, _ context: ScreenContext) -> [Work] {
        switch outcome {
        case .loaded(let result):
            state.loaded(result)
            return []
        case .retried(let result):
            state.working = false
            state.say(result)
            state.loading = true
            return [.load]
        }
    }

    static func perform(_ work: Work, _ client: OutboxClient) throws -> Outcome {
        switch work {
        case .load: .loaded(.success(try client.recent()))
        case .retry(let id): .retried(.done(try client.retry(id)))
        }
    }

    static func failed(_ work: Work, _ message: String) -> Outcome {
        switch work {
        case .load: .loaded(.failure(ScreenReadFailure(message: message)))
        case .retry: .retried(.refused(message))
        }
    }

    static func live(_ services: LiveServices) -> OutboxClient {
        OutboxClient(
            recent: { try services.roster.mail.recent(limit: 200, by: try services.reader()) },
            retry: { id in
                try services.roster.mail.retry(id, by: try services.actor())
                return "Message \(id) is back in the queue; the next delivery run sends it."
            })
    }

    static func readOnly(_ client: OutboxClient) -> OutboxClient {
        var client = client
        client.retry = { _ in throw ReadOnlyRefusal() }
        return client
    }

    static func draw(_ state: OutboxState, _ context: ScreenContext, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas) {
        OutboxView.draw(state, context, formatting: formatting, glyphs: glyphs, on: &canvas)
    }
}

/// What the outbox screen needs from outside.
struct OutboxClient: Sendable {
    /// The newest messages (operations admins and administrators).
    var recent: @Sendable () throws -> [OutboxMessage]
    /// Puts a message back in the queue; says what happened.
    var retry: @Sendable (Int64) throws -> String
}
