import RosterCore

extension ConsoleEnvironment {
    /// `roster --read-only`, twice guarded: the reducers offer no change, and every way this
    /// environment could make one refuses. (Sign-in, pending steps and sudo are the operator's
    /// own session, not changes to the directory.)
    public mutating func makeReadOnly() {
        typealias ReadOnly = ReadOnlyRefusal
        changeUser = { _, _, _ in throw ReadOnly() }
        deleteUser = { _, _ in throw ReadOnly() }
        userTask = { _, _ in throw ReadOnly() }
        editUser = { _, _, _ in throw ReadOnly() }
        createUser = { _ in throw ReadOnly() }
        bulk = { _, _, _, _ in throw ReadOnly() }
        features.makeReadOnly()
    }
}

/// The marked users no longer number what the operator confirmed: nothing is changed.
struct BulkCountChanged: HumanReadableError {
    var confirmed: Int
    var found: Int
    var message: String {
        "You confirmed \(Formatting.count(confirmed)) users, but \(Formatting.count(found)) match now (someone changed them meanwhile). "
            + "Nothing was changed; check the marks and try again."
    }
}
