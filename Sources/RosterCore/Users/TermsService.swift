import Foundation

/// The terms of service (new users must accept them): the text an administrator set,
/// and each account's acceptance, audited. Declining ends the session.
public struct TermsService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// The terms' text, nil when none is set; readable by any signed-in account, including
    /// one whose pending step is accepting them.
    public func text(by actor: Actor) throws -> String? {
        try stores.write { tx -> Result<String?, Denial> in
            let now = environment.now()
            let refreshed = try UserService.current(actor, in: tx, attempting: "terms.view", at: now, taking: .acceptTerms)
            guard case .success = refreshed else { return .failure(refreshed.denial) }
            let text = try SettingsService.load(tx.settings).termsText
            return .success(text.isEmpty ? nil : text)
        }.get()
    }

    /// Records that the actor accepted the terms now.
    public func accept(by actor: Actor) throws -> User {
        try answer(accepting: true, by: actor)
    }

    /// Records that the actor declined; their session ends (the front end signs them out).
    public func decline(by actor: Actor) throws -> User {
        try answer(accepting: false, by: actor)
    }

    private func answer(accepting: Bool, by actor: Actor) throws -> User {
        let action = accepting ? "terms.accept" : "terms.decline"
        return try stores.writeAudited { tx in
            let now = environment.now()
            let refreshed = try UserService.current(actor, in: tx, attempting: action, at: now, taking: .acceptTerms)
            guard case .success = refreshed, let id = actor.userId, var user = try tx.users.find(id) else {
                return .failure(refreshed.denial)
            }
            // A person answers the terms, not a script holding their key.
            if let denial = Policy.checkInPerson(actor) {
                _ = try tx.audit.append(.denied(action, user, denial), by: actor, at: now)
                return .failure(denial)
            }
            let text = try SettingsService.load(tx.settings).termsText
            guard !text.isEmpty else { throw RosterError.unchanged("no terms of service are set, so there is nothing to answer.") }
            var details = ["termsLength": String(text.count)]
            if accepting {
                user.termsAcceptedAt = now
                user = try tx.users.update(user, expectedVersion: user.version)
            } else if let session = actor.sessionId {
                try tx.sessions.end(session, at: now, reason: "terms declined")
                details["sessionEnded"] = String(session.rawValue)
            }
            _ = try tx.audit.append(.user(action, user, details: details), by: actor, at: now)
            return .success(user)
        }
    }
}
