import Foundation

/// Where a change meets the two-person rule: once the requester's own checks have passed,
/// a change the settings put behind a second person (`approval.required-for`) is filed as a
/// request instead of made. Called inside the change's transaction; the denial it returns is
/// answered like any refusal, but the request and its audit row are kept.
enum ApprovalGate {
    /// Files `action` when it needs a second person; nil when the change may go ahead: not a
    /// kind the settings name, the file holder's break-glass actor (no account to pair with),
    /// or an approver carrying out an approved request.
    static func file(_ action: ApprovalAction, summary: String, by actor: Actor, in tx: StoreTransaction, at now: Date) throws -> Denial? {
        guard actor.approving == nil, actor.userId != nil else { return nil }
        let settings = try SettingsService.load(tx.settings)
        guard settings.approvalRequiredFor.contains(action.kind) else { return nil }
        return try fileAlways(action, summary: summary, by: actor, in: tx, at: now, settings: settings)
    }

    /// Files `action` whatever the settings say (self-elevation, which is only ever a request).
    static func fileAlways(_ action: ApprovalAction, summary: String, by actor: Actor, in tx: StoreTransaction, at now: Date,
                           settings: SystemSettings) throws -> Denial {
        let encoded = String(decoding: try JSONEncoder().encode(action), as: UTF8.self)
        let request = try tx.approvals.insert(ApprovalRequest(
            id: nil, action: encoded, kind: action.kind.rawValue, summary: summary, requesterId: actor.userId, requestedBy: actor.label,
            createdAt: now, expiresAt: now.addingTimeInterval(TimeInterval(settings.approvalExpiryHours) * 3600), state: .pending))
        let id = request.id?.rawValue ?? 0
        let target = try action.target.flatMap { try tx.users.find($0) }
        _ = try tx.audit.append(AuditEvent(action: "approval.request", targetId: target?.id, target: target?.email.value,
                                           details: ["request": String(id), "kind": action.kind.rawValue, "summary": summary]),
                                by: actor, at: now)
        return .awaitingApproval(request: id, hours: settings.approvalExpiryHours)
    }
}
