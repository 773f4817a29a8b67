import RosterCore
import RosterTerminal

/// Keys and results while creating a user.
enum CreateUserReducer {
    /// `n` on the table: read what the form may offer, then open it.
    static func begin(_ users: inout UsersState, readOnly: Bool) -> [Effect] {
        if readOnly {
            users.notice = ReadOnlyConsole.refusal
            return []
        }
        return [.loadCreateOptions]
    }

    static func optionsLoaded(_ users: inout UsersState, _ result: Result<CreateUserOptions, CreateOptionsFailure>) {
        switch result {
        case .success(let options):
            // No form that could never be sent: say why at once, from the same Policy.
            if let denial = Policy.checkCreateOrdinary(inOrg: options.orgs.first?.id, by: options.actor) {
                users.notice = denial.message
            } else {
                users.creating = CreateUserState(options: options)
            }
        case .failure(let failure): users.notice = failure.message
        }
    }

    /// A key while creating: it goes nowhere else.
    static func key(_ users: inout UsersState, _ key: Key) -> [Effect] {
        guard var creating = users.creating else { return [] }
        var effects: [Effect] = []
        switch creating.phase {
        case .form:
            let outcome = creating.form.handle(key)
            CreateUserForm.validate(&creating.form, creating.options)
            switch outcome {
            case .open: break
            case .cancelled:
                users.creating = nil
                return []
            case .submitted:
                creating.phase = .confirming(CreateUserForm.confirmation(CreateUserForm.newUser(creating.form, creating.options), creating.options))
            }
        case .confirming(var dialog):
            switch dialog.handle(key) {
            case .open: creating.phase = .confirming(dialog)
            // Back to the form with everything typed kept.
            case .cancelled: creating.phase = .form
            case .confirmed:
                guard case .create(let input) = dialog.confirms else { break }
                creating.phase = .working
                effects = [.createUser(input)]
            }
        case .working:
            return []
        case .created:
            guard SecretAction.keymap.action(for: key) == .close else { return [] }
            users.creating = nil
            users.notice = "Closed; the password can't be shown again."
            return []
        }
        users.creating = creating
        return effects
    }

    /// The service's answer: created (the table is read again), or refused with the form kept.
    static func created(_ users: inout UsersState, _ result: CreateResult, visible: Int) -> [Effect] {
        guard var creating = users.creating else { return [] }
        switch result {
        case .created(let message, _, let secret):
            if let secret {
                creating.phase = .created(secret)
                users.creating = creating
            } else {
                users.creating = nil
            }
            let effects = UsersReducer.restart(&users, recount: true, visible: visible)
            users.notice = message
            return effects
        case .refused(let message):
            creating.phase = .form
            creating.form.error = message
            users.creating = creating
            return []
        }
    }
}

/// Why the create form could not open.
public struct CreateOptionsFailure: Error, Equatable, Sendable {
    public var message: String
}
