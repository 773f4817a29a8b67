import RosterTerminal

/// The feature screens, in the order Tab and the number keys visit them after Users. Adding a screen is its folder and one line here.
public enum ConsoleFeatures {
    static let all: [any ScreenFeature.Type] = [
        OrgsFeature.self,
        AuditFeature.self,
        OutboxFeature.self,
        SettingsFeature.self,
        AboutFeature.self,
        ApprovalsFeature.self,
    ]

    static func feature(_ screen: ScreenID) -> (any ScreenFeature.Type)? {
        all.first { $0.screen == screen }
    }
}

/// How the console drives any feature: the same few steps for each, with its types opened.
extension ScreenFeature {
    static func wrap(_ state: State) -> ConsoleState.Screen { .feature(FeatureValue(screen, state)) }

    static func effects(_ work: [Work]) -> [Effect] { work.map { .feature(FeatureValue(screen, $0)) } }

    static func state(of shown: ConsoleState.Screen?) -> State? {
        guard case .feature(let value)? = shown, value.screen == screen else { return nil }
        return value.as(State.self)
    }

    /// Shows the screen as it was left (read again), or fresh.
    static func show(parked: ConsoleState.Screen?, in console: inout ConsoleState) -> [Effect] {
        let (state, work) = open(state(of: parked), ScreenContext(console))
        console.screen = wrap(state)
        return effects(work)
    }

    /// A key on this screen, through the console's one path for screen keys.
    static func key(_ key: Key, in console: inout ConsoleState) -> [Effect] {
        guard var state = state(of: console.screen) else { return [] }
        return ConsoleReducer.screenKey(&console, key, captures: capturesKeys(state), bound: binds(key, state)) { console in
            let work = reduce(&state, key: key, ScreenContext(console))
            console.screen = wrap(state)
            return effects(work)
        }
    }

    /// Work's outcome, landing on the screen if it is still the one shown.
    static func land(_ outcome: FeatureValue, in console: inout ConsoleState) -> [Effect] {
        guard var state = state(of: console.screen), let outcome = outcome.as(Outcome.self) else { return [] }
        let work = reduce(&state, outcome: outcome, ScreenContext(console))
        console.screen = wrap(state)
        return effects(work)
    }

    /// Does the work with this feature's client; an error that ends the session or needs a
    /// step goes to the console, any other is the feature's `failed`.
    static func run(_ work: FeatureValue, _ environment: ConsoleEnvironment) -> ConsoleAction? {
        guard let work = work.as(Work.self) else { return nil }
        guard let client = environment.features[Self.self] else {
            return outcome(failed(work, "The \(screen.title) screen isn't available in this console."))
        }
        do {
            return outcome(try perform(work, client))
        } catch {
            return Effect.failure(error) { outcome(failed(work, $0)) }
        }
    }

    static func outcome(_ outcome: Outcome) -> ConsoleAction { .feature(FeatureValue(screen, outcome)) }

    static func runsApart(_ work: FeatureValue) -> Bool {
        work.as(Work.self).map(runsApart) ?? false
    }

    static func needsSudo(_ work: FeatureValue) -> Bool {
        work.as(Work.self).map(needsRecentAuthentication) ?? false
    }

    /// Work the operator cancelled (declined to confirm it's them).
    static func notDone(_ work: FeatureValue, _ message: String) -> ConsoleAction? {
        work.as(Work.self).map { outcome(failed($0, message)) }
    }

    static func drawScreen(_ console: ConsoleState, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas) {
        guard let state = state(of: console.screen) else { return }
        draw(state, ScreenContext(console), formatting: formatting, glyphs: glyphs, on: &canvas)
    }

    /// The footer's hints when nothing captures keys: its keys (dim when refused), then the app's.
    static func footerHints(_ state: State, _ context: ScreenContext) -> [KeyHint] {
        keymap.footerHints(ascii: context.ascii) { refusal($0, state, context) == nil } + AppAction.keymap.footerHints(ascii: context.ascii)
    }

    /// Its palette entries: on its own screen with their refusals, from elsewhere reached by `prelude`.
    static func paletteEntries(_ console: ConsoleState, place: String?, prelude: [Key]) -> [PaletteState.Entry] {
        let context = ScreenContext(console)
        let state = state(of: console.screen)
        return PaletteState.entries(keymap, ascii: console.ascii, place: place, prelude: prelude) { action in
            state.flatMap { refusal(action, $0, context) }
        }
    }

    static func helpSections(_ console: ConsoleState) -> [(String, [(keys: String, help: String)])] {
        guard let state = state(of: console.screen) else { return [] }
        return help(state).map { ($0.title, $0.lines(console.ascii)) }
    }
}

extension ConsoleState {
    /// The feature screen's state, when that screen is shown.
    func shown<F: ScreenFeature>(_ feature: F.Type) -> F.State? { F.state(of: screen) }
}
