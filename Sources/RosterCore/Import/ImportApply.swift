import Foundation

extension UserImporter {
    /// Lines written together: each table gets one write per this many lines (PostgreSQL
    /// sends them in one statement), and an import's memory grows by one batch, not the file.
    static let batchSize = 1_000

    /// Writes a checked plan inside the caller's transaction: one audit row per user created
    /// or changed, in line order, none for users already as the file says.
    func apply(_ steps: [ImportStep], options: ImportOptions, by actor: Actor, in tx: StoreTransaction, at now: Date) throws -> ImportReport {
        let settings = try SettingsService.load(tx.settings)
        // The key file is read once for the whole file, not once per invitation.
        let box = options.invite ? try environment.secrets() : nil
        var report = ImportReport()
        for start in stride(from: 0, to: steps.count, by: Self.batchSize) {
            let batch = steps[start..<min(steps.count, start + Self.batchSize)]
            report.entries += batch.map(\.entry)
            var events: [Int: AuditEvent] = [:]
            for (index, step) in zip(batch.indices, batch) where !step.isNew {
                if let changing = step.changing { events[index] = try update(changing, step, by: actor, in: tx, at: now) }
            }
            let created = try create(batch.filter(\.isNew), settings: settings, box: box, by: actor, in: tx, at: now)
            report.invited += created.invited
            var next = created.events.makeIterator()
            let ordered = batch.indices.compactMap { index in batch[index].isNew ? next.next() : events[index] }
            _ = try tx.audit.append(ordered, by: actor, at: now)
        }
        return report
    }

    /// Creates the users of `steps` (all new), their memberships and, with `box`, their
    /// set-password links; returns their audit events, in order, and how many were invited.
    private func create(_ steps: [ImportStep], settings: SystemSettings, box: SecretBox?, by actor: Actor, in tx: StoreTransaction,
                        at now: Date) throws -> (events: [AuditEvent], invited: Int) {
        let users = try tx.users.insert(steps.map { step in
            User(id: UserID(rawValue: 0), email: step.user.email, firstName: step.user.firstName, lastName: step.user.lastName,
                 kind: step.kind, systemRole: step.role, status: .active, lockedByAdmin: false, lockedUntil: nil, failedSignIns: 0,
                 passwordHash: nil, passwordChangeRequired: false,
                 mfaEnrollmentRequired: settings.mfaRequired || step.orgChanges.contains { $0.org.mfaRequired },
                 mfaEnabled: false, termsAcceptanceRequired: settings.termsRequiredForNewUsers, termsAcceptedAt: nil,
                 timeZone: nil, logOutAfterMinutes: nil, createdAt: now, lastSignInAt: nil, version: 1)
        })
        try tx.orgs.save(zip(steps, users).flatMap { step, user in
            step.orgChanges.map { Membership(userId: user.id, orgId: $0.org.id, role: $0.role, createdAt: now) }
        })
        // API service accounts never sign in with a password, so they get no link.
        let invited = box == nil ? [] : users.filter { $0.kind != .service }
        var messages: [UserID: Int64] = [:]
        if let box, !invited.isEmpty {
            let links = try PasswordService.queueLinks(invited.map { (environment.token("rsr_"), $0) }, purpose: .accountInfo,
                                                       by: actor, in: tx, at: now, box: box)
            for (user, link) in zip(invited, links) { messages[user.id] = link.1 }
        }
        let events = zip(steps, users).map { step, user in
            var details = ["source": "import", "line": String(step.user.line), "role": step.role.name, "kind": step.kind.name,
                           "passwordSource": "none"]
            if !step.orgChanges.isEmpty {
                details["orgs"] = step.orgChanges.map { "\($0.org.name) (\($0.role.name))" }.joined(separator: ", ")
            }
            if let message = messages[user.id] { details["outboxMessage"] = String(message) }
            return AuditEvent.user("user.create", user, details: details)
        }
        return (events, invited.count)
    }

    /// Writes one line's changes to a stored user; returns its audit event.
    private func update(_ existing: User, _ step: ImportStep, by actor: Actor, in tx: StoreTransaction, at now: Date) throws -> AuditEvent {
        var details = ["source": "import", "line": String(step.user.line), "changed": step.changes.joined(separator: ", ")]
        var updated = existing
        updated.firstName = step.user.firstName
        updated.lastName = step.user.lastName
        updated.systemRole = step.role
        if updated != existing {
            _ = try tx.users.update(updated, expectedVersion: existing.version)
            if step.role != existing.systemRole { details["role"] = "\(existing.systemRole.name) -> \(step.role.name)" }
        }
        for change in step.orgChanges {
            var membership = change.current ?? Membership(userId: existing.id, orgId: change.org.id, role: change.role, createdAt: now)
            membership.role = change.role
            try tx.orgs.save(membership)
            details["org \(change.org.name)"] = change.current.map { "\($0.role.name) -> \(change.role.name)" } ?? "added as \(change.role.name)"
        }
        return .user("user.update", existing, details: details)
    }
}
