import RosterCore
import RosterTerminal

/// The settings screen (5): every system setting; administrators change one at a time.
enum SettingsFeature: ScreenFeature {
    static let screen = ScreenID("system-settings", title: "Settings", help: "system settings")
    static var keymap: Keymap<SettingsAction> { SettingsAction.keymap }
    static var helpKeymaps: [KeymapSummary] { [KeymapSummary(FormAction.keymap)] }

    enum Work: Equatable, Sendable {
        case load
        /// Change one setting (administrators; asks for sudo; audited).
        case set(SettingKey, String)
    }

    enum Outcome: Equatable, Sendable {
        case loaded(Result<[SettingsState.Row], ScreenReadFailure>)
        case saved(ChangeResult)
    }

    static func open(_ parked: SettingsState?, _ context: ScreenContext) -> (SettingsState, [Work]) {
        var state = parked ?? SettingsState()
        state.loading = true
        return (state, [.load])
    }

    static func capturesKeys(_ state: SettingsState) -> Bool { state.form != nil || state.dialog != nil || state.saving }

    static func refusal(_ action: SettingsAction, _ state: SettingsState, _ context: ScreenContext) -> String? {
        action == .edit ? SettingsReducer.refusal(context.role, readOnly: context.readOnly) : nil
    }

    static func reduce(_ state: inout SettingsState, key: Key, _ context: ScreenContext) -> [Work] {
        SettingsReducer.reduce(&state, key: key, role: context.role, readOnly: context.readOnly)
    }

    static func reduce(_ state: inout SettingsState, outcome: Outcome, _ context: ScreenContext) -> [Work] {
        switch outcome {
        case .loaded(let result):
            state.loaded(result)
            return []
        case .saved(let result):
            return SettingsReducer.saved(&state, result)
        }
    }

    static func needsRecentAuthentication(_ work: Work) -> Bool {
        if case .set = work { true } else { false }
    }

    static func perform(_ work: Work, _ client: SettingsClient) throws -> Outcome {
        switch work {
        case .load: .loaded(.success(try client.current()))
        case .set(let key, let value): .saved(.done(try client.set(key, value)))
        }
    }

    static func failed(_ work: Work, _ message: String) -> Outcome {
        switch work {
        case .load: .loaded(.failure(ScreenReadFailure(message: message)))
        case .set: .saved(.refused(message))
        }
    }

    static func live(_ services: LiveServices) -> SettingsClient {
        SettingsClient(
            current: {
                let settings = try services.roster.settings.current(by: try services.reader())
                return SettingKey.allCases.map { SettingsState.Row(key: $0, value: $0.value(in: settings)) }
            },
            set: { key, value in
                let settings = try services.roster.settings.set(key, to: value, by: try services.actor())
                return "\(key.rawValue) is now \(key.value(in: settings))."
            })
    }

    static func readOnly(_ client: SettingsClient) -> SettingsClient {
        var client = client
        client.set = { _, _ in throw ReadOnlyRefusal() }
        return client
    }

    static func draw(_ state: SettingsState, _ context: ScreenContext, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas) {
        SettingsView.draw(state, context, glyphs: glyphs, on: &canvas)
    }
}

/// What the settings screen needs from outside.
struct SettingsClient: Sendable {
    /// Every setting and its value (operations admins and administrators may read them).
    var current: @Sendable () throws -> [SettingsState.Row]
    /// Changes one setting; says what happened.
    var set: @Sendable (SettingKey, String) throws -> String
}
