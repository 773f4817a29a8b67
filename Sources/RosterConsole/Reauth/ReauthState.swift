import RosterCore
import RosterTerminal

/// Sudo mode in the console: a sensitive action waits while the operator confirms it's them
/// (their password, or their authenticator code when they use MFA); confirmed, it runs.
public struct ReauthState: Equatable, Sendable {
    /// What runs once confirmed.
    public var retry: Effect
    public var factor: ConfirmationFactor
    /// Typed so far; drawn as dots, never echoed.
    public var typed = ""
    /// Why the last answer was refused.
    public var error: String?
    /// The answer is being checked.
    public var checking = false

    public init(retry: Effect, factor: ConfirmationFactor) {
        self.retry = retry
        self.factor = factor
    }

    func box(ascii: Bool) -> DialogBox {
        let ask = factor == .code ? "Authenticator code (or a recovery code):" : "Your password:"
        let dots = String(repeating: ascii ? "*" : "•", count: min(typed.count, 40))
        var lines = ["This action needs you to confirm it's you.", "", ask, "> " + dots + (checking ? "" : "_")]
        if let error { lines += ["", error] }
        lines += ["", checking ? "Checking…" : "Enter confirms, Esc cancels (nothing is changed)."]
        return DialogBox(title: "Confirm it's you", message: lines, buttons: ["Cancel", "Confirm"], focused: 1)
    }
}

/// What a key does while confirming.
public enum ReauthAction: Equatable, Sendable {
    case confirm
    case cancel
    case erase
}

extension ReauthAction {
    public static let keymap = Keymap<ReauthAction>("Confirm it's you", id: "confirm-it-s-you", [
        Binding(id: "confirm", [.enter], "confirm", footer: true, .confirm),
        Binding(id: "erase-a-character", [.backspace], "erase a character", .erase),
        // Ctrl-C cancels the action rather than quitting.
        Binding(id: "cancel-nothing-is-changed", [.escape, .control("c")], "cancel (nothing is changed)", footer: true, .cancel),
    ])

    /// A key while confirming: it goes nowhere else.
    static func reduce(_ state: inout ConsoleState, key: Key) -> [Effect] {
        guard var reauth = state.reauth, !reauth.checking else { return [] }
        switch keymap.action(for: key) {
        case .confirm:
            guard !reauth.typed.isEmpty else { return [] }
            reauth.checking = true
            reauth.error = nil
            state.reauth = reauth
            return [.reauthenticate(secret: reauth.typed, then: reauth.retry)]
        case .cancel:
            state.reauth = nil
            // The action that waited hears that it didn't happen, as any refusal.
            return ConsoleReducer.reduce(&state, reauth.retry.notDone("Not confirmed; nothing was changed."))
        case .erase:
            if !reauth.typed.isEmpty { reauth.typed.removeLast() }
        case nil:
            if case .character(let character) = key, !character.isNewline,
               !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }), reauth.typed.count < 256 {
                reauth.typed.append(character)
            }
        }
        state.reauth = reauth
        return []
    }
}
