/// `roster --read-only`: a console that changes nothing, whatever the operator's role.
enum ReadOnlyConsole {
    /// What every change key says in such a console.
    static let refusal = "This console is read-only (roster --read-only): changes are off."
}
