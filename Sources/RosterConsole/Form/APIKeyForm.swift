import RosterCore

/// The new-API-key form: name, scope, expiry in days; checked as typed.
enum APIKeyForm {
    static let scopes: [APIKey.Scope] = [.read, .readWrite]

    static func form(for name: String) -> FormState {
        var form = FormState(title: "New API key for \(name)", fields: [
            .init(id: "name", label: "Name", value: .text(""), hint: "What the key is for, e.g. “billing sync”."),
            .init(id: "scope", label: "Scope", value: .choice(scopes.map(\.rawValue), index: 0),
                  hint: "read: look only. read-write: change what the user may change."),
            .init(id: "days", label: "Expires in days", value: .text(""),
                  hint: "Empty: the system default. 0: never, where the settings allow it."),
        ])
        validate(&form)
        return form
    }

    static func validate(_ form: inout FormState) {
        let name = form.text("name").trimmingCharacters(in: .whitespaces)
        form.setProblem("name", name.isEmpty ? "Give the key a name." : name.count > 100 ? "100 characters at most." : nil)
        let days = form.text("days").trimmingCharacters(in: .whitespaces)
        form.setProblem("days", days.isEmpty || Int(days).map { (0...3650).contains($0) } == true ? nil : "A whole number of days, 0 to 3650.")
    }

    /// The task the form asks for (call when valid).
    static func task(_ form: FormState) -> UserTask {
        let days = form.text("days").trimmingCharacters(in: .whitespaces)
        return .createAPIKey(name: form.text("name").trimmingCharacters(in: .whitespaces), scope: scopes[form.choice("scope")],
                             expiresInDays: Int(days))
    }

    static func confirmation(_ task: UserTask, user: UserID, name: String) -> ConfirmDialog<UserConfirmation> {
        guard case .createAPIKey(let keyName, let scope, let days) = task else {
            return ConfirmDialog(.task(task, user), title: "New API key", message: [], confirmLabel: "Create")
        }
        let expiry = days.map { $0 == 0 ? "never expiring" : "expiring in \($0) day\($0 == 1 ? "" : "s")" } ?? "expiring after the system default"
        return ConfirmDialog(.task(task, user), title: "New API key",
                             message: ["Create the \(scope.rawValue) API key “\(keyName)” for \(name), \(expiry)? "
                                + "It acts as them, within the scope. Its secret is shown to you once."],
                             confirmLabel: "Create")
    }
}
