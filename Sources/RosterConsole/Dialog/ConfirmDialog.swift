import RosterCore
import RosterTerminal

/// A change waiting for the operator's yes: what it will do in concrete terms, Cancel
/// focused first, and `confirms`, what the yes runs, in the words of the screen that asked
/// (a screen's own work, or an effect). The dialog knows nothing of any screen.
public struct ConfirmDialog<Confirms: Equatable & Sendable>: Equatable, Sendable {
    public enum Button: Int, Sendable { case cancel, confirm }

    /// Where a key left the dialog.
    public enum Outcome: Equatable, Sendable {
        case open
        case cancelled
        case confirmed
    }

    public var confirms: Confirms
    public var title: String
    public var message: [String]
    public var confirmLabel: String
    public var focus: Button = .cancel
    /// Irreversible or large changes ask for this to be typed (an email, a count) before they run.
    public var mustType: String?
    public var typed = ""

    public init(_ confirms: Confirms, title: String, message: [String], confirmLabel: String, mustType: String? = nil) {
        self.confirms = confirms
        self.title = title
        self.message = message
        self.confirmLabel = confirmLabel
        self.mustType = mustType
    }

    /// Typed right (or nothing to type).
    public var confirmed: Bool { mustType.map { typed.lowercased() == $0.lowercased() } ?? true }

    public var box: DialogBox {
        var lines = message
        if let mustType {
            lines += ["", "Type \(mustType) to confirm:", "> " + typed + "_"]
        }
        return DialogBox(title: title, message: lines + ["", "Enter chooses, Tab switches, Esc cancels."],
                         buttons: ["Cancel", confirmLabel], focused: focus.rawValue, dangerous: true)
    }

    /// A key for a screen's dialog, if one is open: it stays, closes, or closes and gives back
    /// what was confirmed.
    static func key(_ key: Key, on dialog: inout ConfirmDialog?) -> Confirms? {
        guard var open = dialog else { return nil }
        switch open.handle(key) {
        case .open:
            dialog = open
            return nil
        case .cancelled:
            dialog = nil
            return nil
        case .confirmed:
            dialog = nil
            return open.confirms
        }
    }

    /// A key while the dialog is open: it goes nowhere else. Enter on the confirm button does
    /// nothing until what must be typed is typed exactly.
    public mutating func handle(_ key: Key) -> Outcome {
        if mustType != nil, case .character(let character) = key, !character.isNewline,
           !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            // Typed into the confirmation field; pasted control characters never get in.
            if typed.count < 320 { typed.append(character) }
            return .open
        }
        switch DialogAction.keymap.action(for: key) {
        case nil:
            return .open
        case .erase:
            if !typed.isEmpty { typed.removeLast() }
            return .open
        case .switchButton:
            focus = focus == .cancel ? .confirm : .cancel
            return .open
        case .cancel:
            return .cancelled
        case .choose:
            guard focus == .confirm else { return .cancelled }
            return confirmed ? .confirmed : .open
        }
    }
}

/// What a key does while a confirmation is open. Nothing else reaches the screen behind it.
public enum DialogAction: Equatable, Sendable {
    case switchButton
    case choose
    case cancel
    case erase
}

extension DialogAction {
    public static let keymap = Keymap<DialogAction>("Confirmation", id: "confirmation", [
        Binding(id: "switch-button", [.tab, .backTab, .left, .right], "switch button", footer: true, .switchButton),
        Binding(id: "choose-cancel-is-first", [.enter], "choose (Cancel is first)", footer: true, .choose),
        // Ctrl-C in a dialog cancels it rather than quitting the console.
        Binding(id: "cancel", [.escape, .control("c")], "cancel", footer: true, .cancel),
        Binding(id: "erase-a-typed-character", [.backspace], "erase a typed character", .erase),
    ])
}

/// A change's outcome, as the reducer receives it.
public enum ChangeResult: Equatable, Sendable {
    case done(String)
    case refused(String)
    /// Done, and there is a secret to show once.
    case secret(ShownSecret)
}
