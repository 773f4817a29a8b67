import RosterCore
import RosterTerminal

/// A drawer action that hands something to the operator (a secret shown once, a link mailed)
/// rather than only changing the account.
public enum UserTask: Equatable, Sendable {
    /// A generated password the user must change at next sign-in; shown once.
    case temporaryPassword
    /// A single-use link to choose a new password, by mail.
    case resetLink
    /// "Send account info": the login and a set-password link, by mail.
    case accountInfo
    /// A new API key; its secret is shown once.
    case createAPIKey(name: String, scope: APIKey.Scope, expiresInDays: Int?)

    /// The policy action behind it, for the drawer's refusals.
    public var userAction: UserAction {
        switch self {
        case .temporaryPassword, .resetLink, .accountInfo: .resetPassword
        case .createAPIKey: .manageAPIKeys
        }
    }
}

/// A secret for the operator to copy now: it exists in clear only in this dialog, which can't
/// be opened again once closed.
public struct ShownSecret: Equatable, Sendable {
    public var title: String
    public var lines: [String]
    public var secret: String

    public init(title: String, lines: [String], secret: String) {
        self.title = title
        self.lines = lines
        self.secret = secret
    }
}

/// What a key does while a secret is shown.
public enum SecretAction: Equatable, Sendable {
    case close
}

extension SecretAction {
    public static let keymap = Keymap<SecretAction>("Shown once", id: "shown-once", [
        Binding(id: "close-it-can-t-be-shown-again", [.enter, .escape, .control("c")], "close (it can't be shown again)", footer: true, .close),
    ])

    /// The dialog: the secret on a line of its own, to select and copy.
    static func box(_ shown: ShownSecret) -> DialogBox {
        DialogBox(title: shown.title, message: shown.lines + ["", shown.secret, "",
                  "Copy it now: it is shown once, here, and can't be shown again."], buttons: ["Done"])
    }
}
