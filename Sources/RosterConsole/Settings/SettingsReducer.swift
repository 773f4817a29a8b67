import RosterCore
import RosterTerminal

/// The settings screen's reducer.
enum SettingsReducer {
    /// Why the operator may not change settings (nil: they may), from the same Policy the service asks.
    static func refusal(_ role: SystemRole?, readOnly: Bool) -> String? {
        if readOnly { return ReadOnlyConsole.refusal }
        return Policy.checkSettingsChange(by: operatorActor(role))?.message
    }

    /// The operator as Policy's role rules see them: a signed-in session's person (never an
    /// API key) with the role the console last read. The service asks again with the account re-read.
    static func operatorActor(_ role: SystemRole?) -> Actor {
        Actor(identity: .system("console"), systemRole: role ?? .readOnly)
    }

    static func reduce(_ state: inout SettingsState, key: Key, role: SystemRole?, readOnly: Bool) -> [SettingsFeature.Work] {
        if state.saving { return [] }
        if state.dialog != nil {
            guard let work = ConfirmDialog.key(key, on: &state.dialog) else { return [] }
            state.saving = true
            return [work]
        }
        if var form = state.form, let row = state.selectedRow {
            let outcome = form.handle(key)
            validate(&form, row.key)
            switch outcome {
            case .open: state.form = form
            case .cancelled: state.form = nil
            case .submitted:
                state.form = nil
                let value = form.text("value").isEmpty ? (form.choice("value") == 1 ? "true" : "false") : form.text("value")
                guard value != row.value else {
                    state.say("Nothing changed.", refused: false)
                    return []
                }
                state.dialog = ConfirmDialog(.set(row.key, value), title: "Change a setting",
                                             message: ["Change \(row.key.rawValue) from \(row.value) to \(value)?", "", row.key.summary,
                                                       "It applies to everyone at once, and is audited."],
                                             confirmLabel: "Change")
            }
            return []
        }
        state.notice = nil
        guard let action = SettingsAction.keymap.action(for: key) else { return [] }
        switch action {
        case .move(let by):
            if !state.rows.isEmpty { state.selected = max(0, min(state.rows.count - 1, state.selected + by)) }
        case .reload:
            state.loading = true
            return [.load]
        case .edit:
            guard let row = state.selectedRow else { return [] }
            if let refusal = refusal(role, readOnly: readOnly) {
                state.say(refusal, refused: true)
            } else if row.key == .termsText {
                state.say("The terms are set from a file: roster terms set FILE.", refused: true)
            } else {
                let value: FormState.Value = SettingsState.booleans.contains(row.key)
                    ? .choice(["false", "true"], index: row.value == "true" ? 1 : 0) : .text(row.value)
                var form = FormState(title: row.key.rawValue, fields: [.init(id: "value", label: "Value", value: value, hint: row.key.summary)])
                validate(&form, row.key)
                state.form = form
            }
        }
        return []
    }

    /// Checked as typed by the same rules the service applies.
    static func validate(_ form: inout FormState, _ key: SettingKey) {
        guard case .text(let text)? = form.fields.first?.value else { return }
        var scratch = SystemSettings()
        do {
            try key.apply(text, to: &scratch)
            form.setProblem("value", nil)
        } catch {
            form.setProblem("value", (error as? HumanReadableError)?.message ?? "Not a value this setting takes.")
        }
    }

    static func saved(_ state: inout SettingsState, _ result: ChangeResult) -> [SettingsFeature.Work] {
        state.saving = false
        state.say(result)
        state.loading = true
        return [.load]
    }
}

/// Why a screen's rows could not be read (the operator's role, a database error).
public struct ScreenReadFailure: Error, Equatable, Sendable {
    public var message: String
}
