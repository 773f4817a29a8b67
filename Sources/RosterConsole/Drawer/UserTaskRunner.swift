import RosterCore

/// Runs a `UserTask` through the same services as the CLI, and says what happened.
struct UserTaskRunner {
    let roster: Roster
    let formatting: Formatting

    func run(_ task: UserTask, _ id: UserID, by actor: Actor) throws -> ChangeResult {
        switch task {
        case .temporaryPassword:
            // The email first: once the password is set it must reach the screen whatever else fails.
            let email = try roster.users.profile(id, by: actor).email.value
            let password = try roster.passwords.setTemporaryPassword(id, by: actor)
            return .secret(ShownSecret(title: "Temporary password", lines: [
                "The temporary password of \(email). Their sessions ended; they must choose a new password at next sign-in.",
            ], secret: password))
        case .resetLink:
            let reset = try roster.passwords.sendResetLink(id, by: actor)
            let email = try roster.users.profile(id, by: actor).email.value
            return .done("Reset link for \(email) queued in the outbox; it works once, until \(formatting.dateTime(reset.expiresAt)).")
        case .accountInfo:
            let reset = try roster.passwords.sendAccountInfo(id, by: actor)
            let email = try roster.users.profile(id, by: actor).email.value
            return .done("Account info for \(email) queued in the outbox; its link works until \(formatting.dateTime(reset.expiresAt)).")
        case .createAPIKey(let name, let scope, let days):
            let created = try roster.apiKeys.create(for: id, name: name, scope: scope, expiresInDays: days, by: actor)
            let expiry = created.key.expiresAt.map { "expires \(formatting.dateTime($0))" } ?? "never expires"
            return .secret(ShownSecret(title: "New API key", lines: [
                "“\(created.key.name)” (\(created.key.scope.rawValue), prefix \(created.key.prefix)), \(expiry).",
                "Send it as: Authorization: Bearer <key>",
            ], secret: created.secret))
        }
    }
}
