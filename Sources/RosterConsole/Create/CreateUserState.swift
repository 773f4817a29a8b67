import RosterCore

/// Creating a user from the users table (`n`): the form, its confirmation, the wait, and the
/// generated password shown once.
public struct CreateUserState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        case form
        case confirming(ConfirmDialog<UserConfirmation>)
        case working
        case created(ShownSecret)
    }

    public var options: CreateUserOptions
    public var form: FormState
    public var phase: Phase = .form

    public init(options: CreateUserOptions) {
        self.options = options
        self.form = CreateUserForm.form(options)
    }
}
