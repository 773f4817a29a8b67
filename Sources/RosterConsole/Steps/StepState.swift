import RosterCore
import RosterTerminal

/// The one thing an account with a pending step may do in the console (issue: security
/// model, pending steps): choose a new password, set up MFA, or answer the terms. Nothing of
/// the directory is shown until it is done; RosterCore refuses everything else anyway.
public struct StepState: Equatable, Sendable {
    public var step: PendingStep
    /// Typed values: current/new/again for a password; the password, then the code, for MFA.
    public var fields: [String]
    public var focus = 0
    public var busy = false
    public var message: String?
    /// MFA: the secret and `otpauth://` URI once enrollment began.
    public var enrollment: MFAEnrollment?
    /// MFA: recovery codes, shown once after confirming; Enter moves on.
    public var recoveryCodes: [String]?
    /// Terms: the text once loaded, and the first line shown.
    public var terms: String?
    public var scroll = 0

    public init(_ step: PendingStep) {
        self.step = step
        fields = step == .changePassword ? ["", "", ""] : (step == .enrollMFA ? [""] : [])
        busy = step == .acceptTerms  // the text is being read
    }

    /// Labels of the fields shown now.
    var labels: [String] {
        switch step {
        case .changePassword: ["Current", "New", "Again"]
        case .enrollMFA: enrollment == nil ? ["Password"] : ["Code"]
        case .acceptTerms: []
        }
    }

    /// Which keymap is in force.
    var mode: StepAction.Mode {
        if step == .acceptTerms { return .terms }
        if recoveryCodes != nil { return .codes }
        return .form
    }
}

/// What a key does on a step screen.
public enum StepAction: Equatable, Sendable {
    case next, previous, submit, erase, scroll(Int), accept, decline, signOut

    enum Mode { case form, terms, codes }

    public static let formKeymap = Keymap<StepAction>("Required step", id: "required-step", [
        Binding(id: "next-field", [.tab, .down], "next field", footer: true, .next),
        Binding(id: "previous-field", [.backTab, .up], "previous field", .previous),
        Binding(id: "continue", [.enter], "continue", footer: true, .submit),
        Binding(id: "erase-a-character", [.backspace], "erase a character", .erase),
        Binding(id: "sign-out", [.escape, .control("c")], "sign out", footer: true, .signOut),
    ])

    public static let termsKeymap = Keymap<StepAction>("Terms of service", id: "terms-of-service", [
        Binding(id: "scroll-down", ["j", .down], "scroll down", footer: true, .scroll(1)),
        Binding(id: "scroll-up", ["k", .up], "scroll up", .scroll(-1)),
        Binding(id: "page-down", [.pageDown, " "], "page down", .scroll(10)),
        Binding(id: "page-up", [.pageUp], "page up", .scroll(-10)),
        Binding(id: "accept", ["a"], "accept", footer: true, .accept),
        Binding(id: "decline-and-sign-out", ["d"], "decline and sign out", footer: true, .decline),
        Binding(id: "sign-out", [.escape, .control("c")], "sign out", .signOut),
    ])

    public static let codesKeymap = Keymap<StepAction>("Recovery codes", id: "recovery-codes", [
        Binding(id: "i-have-copied-them", [.enter], "I have copied them", footer: true, .submit),
        Binding(id: "sign-out", [.control("c")], "sign out", .signOut),
    ])

    static func keymap(_ mode: Mode) -> Keymap<StepAction> {
        switch mode {
        case .form: formKeymap
        case .terms: termsKeymap
        case .codes: codesKeymap
        }
    }
}

/// What a step's effect reports back.
public enum StepResult: Equatable, Sendable {
    case passwordChanged
    case mfaStarted(MFAEnrollment)
    case mfaConfirmed(recoveryCodes: [String])
    case termsLoaded(String?)
    case termsAccepted
    case failed(String)
}

enum StepReducer {
    /// A key on a step screen: new state, effects, and whether the operator signs out.
    static func reduce(_ state: inout StepState, key: Key) -> (effects: [Effect], signOut: Bool) {
        guard let action = StepAction.keymap(state.mode).action(for: key) else {
            if state.mode == .form, !state.busy, case .character(let c) = key, !c.isNewline, state.fields.indices.contains(state.focus) {
                state.fields[state.focus].append(c)
            }
            return ([], false)
        }
        if action == .signOut { return ([], true) }
        guard !state.busy else { return ([], false) }
        switch action {
        case .next, .previous:
            let count = max(1, state.fields.count)
            state.focus = (state.focus + (action == .next ? 1 : count - 1)) % count
        case .erase:
            if state.fields.indices.contains(state.focus), !state.fields[state.focus].isEmpty { state.fields[state.focus].removeLast() }
        case .scroll(let lines):
            state.scroll = max(0, state.scroll + lines)
        case .accept:
            state.busy = true
            return ([.answerTerms(accept: true)], false)
        case .decline:
            state.busy = true
            return ([.answerTerms(accept: false)], false)
        case .submit:
            return (submit(&state), false)
        case .signOut:
            break
        }
        return ([], false)
    }

    static func submit(_ state: inout StepState) -> [Effect] {
        if state.recoveryCodes != nil {
            // Shown once: they are gone from memory as the operator moves on.
            state.recoveryCodes = nil
            state.busy = true
            return [.checkSession]
        }
        if let empty = state.fields.firstIndex(where: \.isEmpty) {
            state.focus = empty
            state.message = "Fill in \(state.labels[empty].lowercased()) first."
            return []
        }
        state.message = nil
        switch state.step {
        case .changePassword:
            guard state.fields[1] == state.fields[2] else {
                state.message = "The two new passwords differ; type them again."
                state.fields[1] = ""
                state.fields[2] = ""
                state.focus = 1
                return []
            }
            state.busy = true
            return [.changePassword(current: state.fields[0], new: state.fields[1])]
        case .enrollMFA:
            state.busy = true
            return state.enrollment == nil ? [.beginMFA(password: state.fields[0])] : [.confirmMFA(code: state.fields[0])]
        case .acceptTerms:
            return []
        }
    }

    /// An effect's result on the step screen.
    static func finished(_ state: inout StepState, _ result: StepResult) -> [Effect] {
        state.busy = false
        switch result {
        case .passwordChanged, .termsAccepted:
            state.busy = true
            return [.checkSession]
        case .mfaStarted(let enrollment):
            state.enrollment = enrollment
            state.fields = [""]
            state.focus = 0
        case .mfaConfirmed(let codes):
            state.recoveryCodes = codes
            state.fields = []
        case .termsLoaded(let text):
            state.terms = text ?? ""
        case .failed(let message):
            state.message = message
            // Secrets typed once are not kept after a refusal.
            state.fields = state.fields.map { _ in "" }
            state.focus = 0
        }
        return []
    }
}
