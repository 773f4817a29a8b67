/// Keys of the sign-in form.
public enum SignInAction: Equatable, Sendable {
    case next, previous, submit, erase, quit
}

extension SignInAction {
    public static let keymap = Keymap<SignInAction>("Sign in", id: "sign-in", [
        Binding(id: "next-field", [.tab, .down], "next field", footer: true, .next),
        Binding(id: "previous-field", [.backTab, .up], "previous field", .previous),
        Binding(id: "sign-in", [.enter], "sign in", footer: true, .submit),
        Binding(id: "erase-a-character", [.backspace], "erase a character", .erase),
        Binding(id: "quit", [.control("c"), .escape], "quit", footer: true, .quit),
    ])
}
