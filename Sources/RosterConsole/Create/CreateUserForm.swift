import RosterCore

/// The new-user form: checked as typed against the same rules the
/// service applies, with roles and orgs the operator may not grant said beside the field.
enum CreateUserForm {
    static let kinds = AccountKind.allCases
    static let roles = SystemRole.allCases
    static let orgRoles = OrgRole.allCases
    enum PasswordChoice: Int, CaseIterable {
        case generate, link, type

        var title: String {
            switch self {
            case .generate: "generate one (shown once)"
            case .link: "mail a set-password link"
            case .type: "type one below"
            }
        }
    }

    static func form(_ options: CreateUserOptions) -> FormState {
        // Org admins create users in their orgs: start on the first one.
        let startOrg = Policy.checkCreateOrdinary(inOrg: nil, by: options.actor) == nil || options.orgs.isEmpty ? 0 : 1
        var form = FormState(title: "New user", fields: [
            .init(id: "email", label: "Email", value: .text(""), hint: "The login: unique, and it can't change."),
            .init(id: "first", label: "First name", value: .text(""), hint: "As the person writes it."),
            .init(id: "last", label: "Last name", value: .text(""), hint: "As the person writes it."),
            .init(id: "kind", label: "Kind", value: .choice(kinds.map(\.title), index: 0),
                  hint: "Standard signs in; API service uses keys only; read-only looks only."),
            .init(id: "role", label: "System role", value: .choice(roles.map(\.title), index: roles.firstIndex(of: .standard) ?? 0),
                  hint: "←/→ to choose; a role you may not grant says why."),
            .init(id: "org", label: "Organization", value: .choice(["none"] + options.orgs.map(\.name), index: startOrg),
                  hint: "Add the user to one of the orgs you may add to."),
            .init(id: "orgRole", label: "Org role", value: .choice(orgRoles.map(\.title), index: orgRoles.firstIndex(of: .member) ?? 0),
                  hint: "Their role in that organization."),
            .init(id: "password", label: "Password", value: .choice(PasswordChoice.allCases.map(\.title), index: 0),
                  hint: "How they get a password; they change it at first sign-in."),
            .init(id: "typed", label: "Typed password", value: .secret(""), hint: "Only when “type one below” is chosen."),
            .init(id: "mfa", label: "Require MFA", value: .choice(["no", "yes"], index: 0), hint: "Ask them to enroll at first sign-in."),
        ])
        validate(&form, options)
        return form
    }

    static func validate(_ form: inout FormState, _ options: CreateUserOptions) {
        let email = form.text("email").trimmingCharacters(in: .whitespaces)
        var parsed: Email?
        if email.isEmpty {
            form.setProblem("email", "The email is the login: required.")
        } else {
            do {
                parsed = try Email(email)
                form.setProblem("email", nil)
            } catch {
                form.setProblem("email", (error as? HumanReadableError)?.message ?? "Not an email address.")
            }
        }
        for id in ["first", "last"] {
            let name = form.text(id).trimmingCharacters(in: .whitespaces)
            form.setProblem(id, name.isEmpty ? "Required." : name.count > 100 ? "100 characters at most." : nil)
        }
        let input = newUser(form, options)
        // The same Policy the service asks; said on the field it is about.
        let denial = Policy.checkCreate(role: input.systemRole ?? .standard, kind: input.kind, inOrg: input.org, by: options.actor)
        if case .notPermitted(.create)? = denial {
            form.setProblem("org", "Pick one of your organizations: you create users there.")
            form.setProblem("role", nil)
        } else {
            form.setProblem("role", denial?.message)
            form.setProblem("org", nil)
        }
        let choice = PasswordChoice(rawValue: form.choice("password")) ?? .generate
        let typed = form.text("typed")
        if input.kind == .service {
            form.setProblem("typed", typed.isEmpty ? nil : "API service accounts have no password; leave it empty.")
        } else if choice == .type {
            form.setProblem("typed", typed.isEmpty ? "Type a password, or choose another way."
                : options.passwordPolicy.problem(with: typed, email: parsed, names: [form.text("first"), form.text("last")]))
        } else {
            form.setProblem("typed", typed.isEmpty ? nil : "Choose “type one below” to use it, or erase it.")
        }
    }

    static func newUser(_ form: FormState, _ options: CreateUserOptions) -> NewUser {
        let kind = kinds[form.choice("kind")]
        let orgIndex = form.choice("org")
        let password: NewUser.Password = switch PasswordChoice(rawValue: form.choice("password")) ?? .generate {
        case _ where kind == .service: .none
        case .generate: .generated
        case .link: .accountInfoLink
        case .type: .typed(form.text("typed"))
        }
        return NewUser(email: form.text("email").trimmingCharacters(in: .whitespaces),
                       firstName: form.text("first").trimmingCharacters(in: .whitespaces),
                       lastName: form.text("last").trimmingCharacters(in: .whitespaces),
                       kind: kind, systemRole: roles[form.choice("role")], password: password,
                       mfaEnrollmentRequired: form.choice("mfa") == 1,
                       org: orgIndex == 0 ? nil : options.orgs[orgIndex - 1].id, orgRole: orgRoles[form.choice("orgRole")])
    }

    /// The confirmation, in concrete terms.
    static func confirmation(_ input: NewUser, _ options: CreateUserOptions) -> ConfirmDialog<UserConfirmation> {
        let org = input.org.flatMap { id in options.orgs.first { $0.id == id } }
        let place = org.map { " in \($0.name) (\(input.orgRole.title.lowercased()))" } ?? ""
        let password = switch input.password {
        case .generated: "A password is generated and shown to you once; they change it at first sign-in."
        case .accountInfoLink: "They are mailed their login and a link to set a password, valid 24 hours."
        case .typed: "They sign in with the password you typed and change it at first sign-in."
        case .none: "API service accounts have no password; give them an API key."
        }
        return ConfirmDialog(.create(input), title: "Create user", message: [
            "Create \(input.firstName) \(input.lastName) <\(input.email)> as \((input.systemRole ?? .standard).title), \(input.kind.title.lowercased()) account\(place)?",
            password + (input.mfaEnrollmentRequired ? " They must enroll in MFA." : ""),
        ], confirmLabel: "Create")
    }
}
