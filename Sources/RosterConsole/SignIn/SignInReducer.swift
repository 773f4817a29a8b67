/// The sign-in form's reducer: keys in, the form changed, effects (sign in) out.
enum SignInReducer {
    static func reduce(_ state: inout SignInState, key: Key) -> (effects: [Effect], quit: Bool) {
        guard !state.busy else { return ([], key == .control("c")) }
        if let action = SignInAction.keymap.action(for: key) {
            switch action {
            case .next, .previous:
                let fields = state.fields
                let index = fields.firstIndex(of: state.focus) ?? 0
                let step = action == .next ? 1 : fields.count - 1
                state.focus = fields[(index + step) % fields.count]
            case .erase:
                switch state.focus {
                case .email: if !state.email.isEmpty { state.email.removeLast() }
                case .password: if !state.password.isEmpty { state.password.removeLast() }
                case .code: if !state.code.isEmpty { state.code.removeLast() }
                }
            case .submit:
                if state.focus == .email && state.password.isEmpty {
                    state.focus = .password
                    return ([], false)
                }
                guard !state.email.isEmpty, !state.password.isEmpty else {
                    state.message = "Type your email and password."
                    return ([], false)
                }
                if state.needsCode && state.code.isEmpty {
                    state.focus = .code
                    state.message = "Type the 6-digit code from your authenticator app."
                    return ([], false)
                }
                state.busy = true
                state.message = nil
                return ([.signIn(email: state.email, password: state.password, code: state.needsCode ? state.code : nil)], false)
            case .quit:
                return ([], true)
            }
            return ([], false)
        }
        if case .character(let c) = key, !c.isNewline {
            switch state.focus {
            case .email: state.email.append(c)
            case .password: state.password.append(c)
            case .code: state.code.append(c)
            }
        }
        return ([], false)
    }

    static func failed(_ state: inout SignInState, _ failure: SignInFailure) {
        state.busy = false
        switch failure {
        case .needsCode:
            state.needsCode = true
            state.focus = .code
            state.message = "This account uses MFA: type the code from your authenticator app."
        case .codeRefused(let message):
            state.message = message
            state.code = ""
            state.focus = .code
        case .refused(let message):
            state.message = message
            state.code = ""
            state.password = ""
            state.focus = .password
        }
    }
}

import RosterTerminal
