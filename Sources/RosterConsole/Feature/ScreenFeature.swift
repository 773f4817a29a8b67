import Foundation
import RosterCore
import RosterTerminal

/// A main screen as a feature. Its folder holds everything it is: its state, what its keys
/// do (`KeyAction` and `keymap`), the work it asks for (`Work`) and what comes back
/// (`Outcome`), its slice of the outside world (`Client`, with a live value), its reducer
/// and its view. The console knows a feature only through this protocol and its line in
/// `ConsoleFeatures.all`: adding a screen touches no other file.
///
/// The console does the rest the same way for every feature: Tab and number keys, parking
/// the screen when left, app keys (`?`, `:`, q) when the screen neither captures nor binds a
/// key, a session check on every key, sudo before work that needs it, help and palette
/// entries from the keymap, results dropped when the operator has moved on.
public protocol ScreenFeature: Sendable {
    associatedtype State: Equatable & Sendable
    associatedtype KeyAction: Equatable & Sendable
    associatedtype Work: Equatable & Sendable
    associatedtype Outcome: Equatable & Sendable
    associatedtype Client: Sendable

    /// Its tab, and its number key's stable binding id.
    static var screen: ScreenID { get }
    /// Its own keys; the app's keys answer after them.
    static var keymap: Keymap<KeyAction> { get }
    /// Other keymaps its help lists after the app's (a form's, a dialog's).
    static var helpKeymaps: [KeymapSummary] { get }
    /// Every keymap it owns, for `roster keys` and checking `config.toml`.
    static var keymaps: [KeymapSummary] { get }
    /// What `?` lists, in order, for the screen as it is now.
    static func help(_ state: State) -> [KeymapSummary]
    /// Whether the screen as it is now has a binding for `key` (else an app key may take it).
    static func binds(_ key: Key, _ state: State) -> Bool

    /// The screen when shown: `parked` is how it was left (nil: never shown), and what to read.
    static func open(_ parked: State?, _ context: ScreenContext) -> (State, [Work])
    /// Whether every key goes to the screen (a form, a dialog, work under way): app keys wait.
    static func capturesKeys(_ state: State) -> Bool
    static func reduce(_ state: inout State, key: Key, _ context: ScreenContext) -> [Work]
    static func reduce(_ state: inout State, outcome: Outcome, _ context: ScreenContext) -> [Work]
    /// Why a key's action can't be taken now (nil: it can): dimmed in the footer, said in the palette.
    static func refusal(_ action: KeyAction, _ state: State, _ context: ScreenContext) -> String?

    /// Does the work, on a worker thread. A thrown error becomes `failed(work, message)`,
    /// unless it ends the session or needs a step first, which the console handles.
    static func perform(_ work: Work, _ client: Client) throws -> Outcome
    /// What the reducer hears when work failed or was cancelled, said in `message`.
    static func failed(_ work: Work, _ message: String) -> Outcome
    /// Work the service does only for an operator who confirmed it's them lately (sudo mode).
    static func needsRecentAuthentication(_ work: Work) -> Bool
    /// Long work (walking every audit row) that runs beside the page reads instead of before them.
    static func runsApart(_ work: Work) -> Bool

    /// The client over the real services.
    static func live(_ services: LiveServices) -> Client
    /// The same client, refusing every change (`roster --read-only`, guarded twice). No
    /// default: each feature says what of its client changes anything.
    static func readOnly(_ client: Client) -> Client

    static func draw(_ state: State, _ context: ScreenContext, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas)
}

extension ScreenFeature {
    public static var helpKeymaps: [KeymapSummary] { [] }
    public static var keymaps: [KeymapSummary] { [KeymapSummary(keymap)] }
    public static func help(_ state: State) -> [KeymapSummary] {
        [KeymapSummary(keymap), KeymapSummary(AppAction.keymap)] + helpKeymaps
    }
    public static func binds(_ key: Key, _ state: State) -> Bool { keymap.action(for: key) != nil }
    public static func refusal(_ action: KeyAction, _ state: State, _ context: ScreenContext) -> String? { nil }
    public static func needsRecentAuthentication(_ work: Work) -> Bool { false }
    public static func runsApart(_ work: Work) -> Bool { false }
}

/// What a feature may know of the console around it; never another screen.
public struct ScreenContext: Sendable {
    public var size: Size
    public var ascii: Bool
    /// `roster --read-only`: offer no change.
    public var readOnly: Bool
    public var timeZone: ZoneRules
    public var signedIn: Operator?
    /// Over SSH, where the key chose the account.
    public var overSSH: Bool

    init(_ state: ConsoleState) {
        size = state.size
        ascii = state.ascii
        readOnly = state.readOnly
        timeZone = state.timeZone
        signedIn = state.signedIn
        overSSH = state.closesWithSession
    }

    public var role: SystemRole? { signedIn?.role }
    /// Table rows that fit between the title and the status and footer lines.
    public var visibleRows: Int { max(1, size.height - 4) }
}

/// A keymap without its action type: what help and `roster keys` read of it.
public struct KeymapSummary: Sendable {
    public var title: String
    let lines: @Sendable (_ ascii: Bool) -> [(keys: String, help: String)]
    let entries: @Sendable () -> [ConsoleKeymaps.Entry]

    /// Lines that aren't keys (the audit filter's words): for help only.
    public init(title: String, lines: [(keys: String, help: String)]) {
        self.title = title
        self.lines = { _ in lines }
        entries = { [] }
    }

    public init<Action>(_ keymap: Keymap<Action>) {
        title = keymap.title
        lines = { keymap.helpLines(ascii: $0) }
        entries = { keymap.defaultBindings.map { .init(id: $0.id, keymap: keymap.title, keys: $0.keys, help: $0.help) } }
    }
}
