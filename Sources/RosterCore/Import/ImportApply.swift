import Foundation

extension UserImporter {
    /// Writes a checked plan inside the caller's transaction: one audit row per user created
    /// or changed, none for users already as the file says.
    func apply(_ steps: [ImportStep], options: ImportOptions, by actor: Actor, in tx: StoreTransaction, at now: Date) throws -> ImportReport {
        let settings = try SettingsService.load(tx.settings)
        // The key file is read once for the whole file, not once per invitation.
        let box = options.invite ? try environment.secrets() : nil
        var report = ImportReport()
        for step in steps {
            report.entries.append(step.entry)
            guard step.isNew else {
                if let changing = step.changing { try update(changing, step, by: actor, in: tx, at: now) }
                continue
            }
            let user = try tx.users.insert(User(
                id: UserID(rawValue: 0), email: step.user.email, firstName: step.user.firstName, lastName: step.user.lastName,
                kind: step.kind, systemRole: step.role, status: .active, lockedByAdmin: false, lockedUntil: nil, failedSignIns: 0,
                passwordHash: nil, passwordChangeRequired: false,
                mfaEnrollmentRequired: settings.mfaRequired || step.orgChanges.contains { $0.org.mfaRequired },
                mfaEnabled: false, termsAcceptanceRequired: settings.termsRequiredForNewUsers, termsAcceptedAt: nil,
                timeZone: nil, logOutAfterMinutes: nil, createdAt: now, lastSignInAt: nil, version: 1))
            for change in step.orgChanges {
                try tx.orgs.save(Membership(userId: user.id, orgId: change.org.id, role: change.role, createdAt: now))
            }
            var details = ["source": "import", "line": String(step.user.line), "role": step.role.name, "kind": step.kind.name,
                           "passwordSource": "none"]
            if !step.orgChanges.isEmpty {
                details["orgs"] = step.orgChanges.map { "\($0.org.name) (\($0.role.name))" }.joined(separator: ", ")
            }
            // API service accounts never sign in with a password, so they get no link.
            if let box, step.kind != .service {
                let (_, message) = try PasswordService.queueLink(environment.token("rsr_"), purpose: .accountInfo, to: user,
                                                                 by: actor, in: tx, at: now, box: box)
                details["outboxMessage"] = String(message)
                report.invited += 1
            }
            _ = try tx.audit.append(.user("user.create", user, details: details), by: actor, at: now)
        }
        return report
    }

    private func update(_ existing: User, _ step: ImportStep, by actor: Actor, in tx: StoreTransaction, at now: Date) throws {
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
        _ = try tx.audit.append(.user("user.update", existing, details: details), by: actor, at: now)
    }
}
