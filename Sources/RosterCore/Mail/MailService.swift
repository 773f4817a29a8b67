import Foundation

/// What one `deliver` run did.
public struct DeliveryReport: Sendable, Equatable {
    public var sent: Int = 0
    /// Failed this time, will be retried later.
    public var deferred: Int = 0
    /// Failed too often; kept as failed, never dropped.
    public var gaveUp: Int = 0
}

/// The mail outbox: delivery with retries and backoff, and a list of what happened.
public struct MailService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment
    /// After this many attempts a message is marked failed (and stays listed).
    public static let maximumAttempts = 8

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// Delivers every message that is due. Each message is claimed in its own transaction
    /// before the mailer runs (so two deliverers don't send it twice) and its outcome is
    /// recorded in another; the database is never locked while the mailer runs.
    public func deliver(using transport: any MailTransport, limit: Int = 100) throws -> DeliveryReport {
        var report = DeliveryReport()
        // No link outlives its longest lifetime; neither does its sealed copy.
        try stores.write { tx in try tx.outbox.dropTokens(olderThan: environment.now().addingTimeInterval(-PasswordService.maximumLinkLifetime)) }
        let due = try stores.read { tx in try tx.outbox.due(at: environment.now(), limit: limit) }
        for candidate in due {
            let claimed: OutboxMessage? = try stores.write { tx in
                let now = environment.now()
                // Re-read inside the write lock: another deliverer may have claimed it meanwhile.
                guard let id = candidate.id, var message = try tx.outbox.find(id),
                      message.status == .queued, message.nextAttemptAt <= now else { return nil }
                message.attempts += 1
                message.lastAttemptAt = now
                // A lease: if this process dies mid-send, the message is due again in 10 minutes.
                message.nextAttemptAt = now.addingTimeInterval(600)
                try tx.outbox.update(message)
                return message
            }
            guard var message = claimed else { continue }
            var failure: String?
            if message.sealedToken == nil, message.body.contains(OutboxToken.placeholder) {
                // Its link outlived its lifetime before it could be sent: mailing a dead link helps nobody.
                try stores.write { tx in
                    message.status = .failed
                    message.lastError = "the link expired before it could be delivered; send a new one with `roster users reset-password`"
                    try tx.outbox.update(message)
                }
                report.gaveUp += 1
                continue
            }
            do {
                var outgoing = message
                outgoing.body = try OutboxToken.body(of: message, box: environment.secrets())
                try transport.send(outgoing)
            } catch {
                failure = "\(error)"
            }
            try stores.write { tx in
                let now = environment.now()
                if let failure {
                    // A mailer may echo what it was given: never keep a token in the error.
                    message.lastError = String(OutboxToken.redacted(failure).prefix(500))
                    if message.attempts >= Self.maximumAttempts {
                        message.status = .failed
                        report.gaveUp += 1
                    } else {
                        message.nextAttemptAt = now.addingTimeInterval(Self.backoff(afterAttempt: message.attempts))
                        report.deferred += 1
                    }
                } else {
                    message.status = .sent
                    message.sentAt = now
                    message.lastError = nil
                    message.sealedToken = nil  // handed over: the database keeps no live link
                    report.sent += 1
                }
                try tx.outbox.update(message)
            }
        }
        return report
    }

    /// 1, 2, 4, … minutes, at most an hour.
    public static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        min(3600, 60 * pow(2, Double(max(0, attempt - 1))))
    }

    /// Newest first: queued, sent and failed messages with their attempts and last error.
    /// For operations admins and administrators (the outbox holds mail for every user).
    public func recent(limit: Int = 50, by actor: Actor) throws -> [OutboxMessage] {
        try stores.authorizedRead("mail.list", by: actor, at: environment.now()) { tx, actor in
            if let denial = Policy.checkRead(.outbox, by: actor) { return .failure(RefusedRead("mail.list", nil, denial)) }
            return .success(try tx.outbox.recent(limit: limit))
        }
    }

    func recent(limit: Int = 50) throws -> [OutboxMessage] {
        try stores.read { tx in try tx.outbox.recent(limit: limit) }
    }

    /// Puts a failed (or waiting) message back in the queue for the next delivery run.
    public func retry(_ id: Int64, by actor: Actor) throws {
        try stores.writeAudited { tx -> Result<Void, Denial> in
            let now = environment.now()
            // The account as it is now, not as it was when the session began.
            let refreshed = try UserService.current(actor, in: tx, attempting: "mail.retry", at: now)
            guard case .success(let actor) = refreshed else { return .failure(refreshed.denial) }
            if let denial = Policy.checkMailRetry(by: actor) {
                _ = try tx.audit.append(.denied("mail.retry", nil, denial), by: actor, at: now)
                return .failure(denial)
            }
            guard var message = try tx.outbox.find(id) else {
                throw RosterError.notFound(kind: "message", reference: String(id), hint: "List the outbox with `roster mail list`.")
            }
            guard message.status != .sent else { throw RosterError.unchanged("message \(id) was already sent.") }
            message.status = .queued
            message.nextAttemptAt = environment.now()
            try tx.outbox.update(message)
            _ = try tx.audit.append(AuditEvent(action: "mail.retry", target: message.recipient, details: ["message": String(id)]),
                                    by: actor, at: now)
            return .success(())
        }
    }
}
