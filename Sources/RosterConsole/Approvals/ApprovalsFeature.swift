import Foundation
import RosterCore
import RosterTerminal

/// The approvals screen (7): changes the two-person rule holds for a second person. Anyone who
/// may make the change, other than who asked, approves it here; approving asks to confirm it's
/// them, and the change is made as them.
enum ApprovalsFeature: ScreenFeature {
    static let screen = ScreenID("approvals", title: "Approvals", help: "approvals")
    static var keymap: Keymap<ApprovalsAction> { ApprovalsAction.keymap }
    static var helpKeymaps: [KeymapSummary] { [KeymapSummary(FormAction.keymap), KeymapSummary(DialogAction.keymap)] }

    enum Work: Equatable, Sendable {
        case load(all: Bool)
        case approve(ApprovalID)
        case reject(ApprovalID, reason: String)
    }

    enum Outcome: Equatable, Sendable {
        /// The requests, and the time they were read at (what "expired" is measured against).
        case loaded(Result<[ApprovalRequest], ScreenReadFailure>, at: Date?)
        case settled(ChangeResult)
    }

    static func open(_ parked: ApprovalsState?, _ context: ScreenContext) -> (ApprovalsState, [Work]) {
        var state = parked ?? ApprovalsState()
        state.loading = true
        return (state, [.load(all: state.showingAll)])
    }

    static func capturesKeys(_ state: ApprovalsState) -> Bool { state.dialog != nil || state.form != nil || state.working }

    static func refusal(_ action: ApprovalsAction, _ state: ApprovalsState, _ context: ScreenContext) -> String? {
        guard action == .approve || action == .reject else { return nil }
        if context.readOnly { return ReadOnlyConsole.refusal }
        guard let request = state.selectedRow else { return nil }
        if request.state != .pending { return "That request is \(request.state.rawValue) already." }
        if action == .approve, request.requestedBy == context.signedIn?.email { return Denial.ownRequest.message }
        return nil
    }

    static func reduce(_ state: inout ApprovalsState, key: Key, _ context: ScreenContext) -> [Work] {
        if state.working { return [] }
        if state.dialog != nil {
            guard let work = ConfirmDialog.key(key, on: &state.dialog) else { return [] }
            state.working = true
            return [work]
        }
        if state.form != nil { return formKey(&state, key) }
        state.notice = nil
        guard let action = keymap.action(for: key) else { return [] }
        switch action {
        case .move(let by):
            if !state.rows.isEmpty { state.selected = max(0, min(state.rows.count - 1, state.selected + by)) }
        case .reload:
            state.loading = true
            return [.load(all: state.showingAll)]
        case .toggleAll:
            state.showingAll.toggle()
            state.selected = 0
            state.loading = true
            return [.load(all: state.showingAll)]
        case .approve, .reject:
            guard let request = state.selectedRow, let id = request.id else {
                state.say("Nothing waits for approval.", refused: true)
                return []
            }
            if let refusal = refusal(action, state, context) {
                state.say(refusal, refused: true)
            } else if action == .approve {
                state.dialog = ConfirmDialog(.approve(id), title: "Approve request #\(id.rawValue)",
                                             message: ["\(request.summary)?", "",
                                                       "Asked by \(request.requestedBy). The change is made now, as you, "
                                                        + "checked as you; the audit trail names you both."],
                                             confirmLabel: "Approve")
            } else {
                state.form = FormState(title: "Reject request #\(id.rawValue)", fields: [
                    .init(id: "reason", label: "Why", value: .text(""), hint: "Said to \(request.requestedBy) and kept in the audit trail."),
                ])
                validate(&state)
            }
        }
        return []
    }

    static func formKey(_ state: inout ApprovalsState, _ key: Key) -> [Work] {
        guard var form = state.form, let id = state.selectedRow?.id else { return [] }
        let outcome = form.handle(key)
        state.form = form
        validate(&state)
        switch outcome {
        case .open:
            return []
        case .cancelled:
            state.form = nil
            return []
        case .submitted:
            state.form = nil
            state.working = true
            return [.reject(id, reason: form.text("reason").trimmingCharacters(in: .whitespaces))]
        }
    }

    static func validate(_ state: inout ApprovalsState) {
        guard var form = state.form else { return }
        form.setProblem("reason", form.text("reason").trimmingCharacters(in: .whitespaces).isEmpty ? "Say why." : nil)
        state.form = form
    }

    static func reduce(_ state: inout ApprovalsState, outcome: Outcome, _ context: ScreenContext) -> [Work] {
        switch outcome {
        case .loaded(let result, let at):
            state.loaded(result)
            if let at { state.readAt = at }
            return []
        case .settled(let result):
            state.working = false
            state.say(result)
            state.loading = true
            return [.load(all: state.showingAll)]
        }
    }

    static func needsRecentAuthentication(_ work: Work) -> Bool {
        if case .approve = work { return true }
        return false
    }

    static func perform(_ work: Work, _ client: ApprovalsClient) throws -> Outcome {
        switch work {
        case .load(let all): .loaded(.success(try client.list(all)), at: client.now())
        case .approve(let id): .settled(.done(try client.approve(id)))
        case .reject(let id, let reason): .settled(.done(try client.reject(id, reason)))
        }
    }

    static func failed(_ work: Work, _ message: String) -> Outcome {
        switch work {
        case .load: .loaded(.failure(ScreenReadFailure(message: message)), at: nil)
        case .approve, .reject: .settled(.refused(message))
        }
    }

    static func live(_ services: LiveServices) -> ApprovalsClient {
        ApprovalsClient(
            list: { all in try services.roster.approvals.list(openOnly: !all, by: try services.reader()) },
            now: { services.roster.environment.now() },
            approve: { id in
                let request = try services.roster.approvals.approve(id, by: try services.actor())
                return "Approved #\(id.rawValue): \(request.outcome ?? request.summary)"
            },
            reject: { id, reason in
                _ = try services.roster.approvals.reject(id, reason: reason, by: try services.actor())
                return "Rejected #\(id.rawValue); nothing was changed."
            })
    }

    static func readOnly(_ client: ApprovalsClient) -> ApprovalsClient {
        var client = client
        client.approve = { _ in throw ReadOnlyRefusal() }
        client.reject = { _, _ in throw ReadOnlyRefusal() }
        return client
    }

    static func draw(_ state: ApprovalsState, _ context: ScreenContext, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas) {
        ApprovalsView.draw(state, context, formatting: formatting, glyphs: glyphs, on: &canvas)
    }
}

/// What the approvals screen needs from outside.
struct ApprovalsClient: Sendable {
    /// The requests the operator may see: all, or only those waiting.
    var list: @Sendable (_ all: Bool) throws -> [ApprovalRequest]
    /// The clock the requests expire by.
    var now: @Sendable () -> Date
    /// Approves one (its change made as the operator); says what happened.
    var approve: @Sendable (ApprovalID) throws -> String
    /// Rejects one with a reason; says what happened.
    var reject: @Sendable (ApprovalID, _ reason: String) throws -> String
}
