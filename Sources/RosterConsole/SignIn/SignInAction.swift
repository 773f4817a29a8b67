/// Keys of the sign-in form.
public enum SignInAction: Equatable, Sendable {
    case next, previous, submit, erase, quit
}

extension SignInAction {
    public static let keymap = Keymap<SignInAction>("Sign in", [
        Binding([.tab, .down], "next field", footer: true, .next),
        Binding([.backTab, .up], "previous field", .previous),
        Binding([.enter], "sign in", footer: true, .submit),
        Binding([.backspace], "erase a character", .erase),
        Binding([.control("c"), .escape], "quit", footer: true, .quit),
    ])
}
