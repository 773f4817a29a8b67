import RosterCore
import RosterTerminal

/// A change waiting for the operator's yes: what it will do in concrete terms, Cancel
/// focused first. It carries the user's version as read, so a change to the account made
/// meanwhile by someone else is refused instead of applied on top (ending sessions, which
/// are not part of the account record, goes ahead whatever changed).
public struct ConfirmDialog: Equatable, Sendable {
    public enum Button: Int, Sendable { case cancel, confirm }

    /// Nil for deleting, which is not a bulk action.
    public var change: BulkAction?
    public var userId: UserID
    public var expectedVersion: Int?
    public var title: String
    public var message: [String]
    public var confirmLabel: String
    public var focus: Button = .cancel
    /// Irreversible changes ask for this to be typed (the user's email) before they run.
    public var mustType: String?
    public var typed = ""

    public init(change: BulkAction?, userId: UserID, expectedVersion: Int?, title: String, message: [String], confirmLabel: String,
                mustType: String? = nil) {
        self.change = change
        self.userId = userId
        self.expectedVersion = expectedVersion
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
}

/// What a key does while a confirmation is open. Nothing else reaches the screen behind it.
public enum DialogAction: Equatable, Sendable {
    case switchButton
    case choose
    case cancel
    case erase
}

extension DialogAction {
    public static let keymap = Keymap<DialogAction>("Confirmation", [
        Binding([.tab, .backTab, .left, .right], "switch button", footer: true, .switchButton),
        Binding([.enter], "choose (Cancel is first)", footer: true, .choose),
        // Ctrl-C in a dialog cancels it rather than quitting the console.
        Binding([.escape, .control("c")], "cancel", footer: true, .cancel),
        Binding([.backspace], "erase a typed character", .erase),
    ])
}

/// A change's outcome, as the reducer receives it.
public enum ChangeResult: Equatable, Sendable {
    case done(String)
    case refused(String)
}
