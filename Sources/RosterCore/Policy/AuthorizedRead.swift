import Foundation

/// A read that `Policy` refused: the denial, and the audit row that records it.
public struct RefusedRead: Error, Sendable {
    public var denial: Denial
    public var event: AuditEvent

    /// A refused read about `user` (nil when the denial isn't about one user).
    public init(_ action: String, _ user: User?, org: Org? = nil, _ denial: Denial) {
        self.denial = denial
        self.event = .denied(action, user, org: org, denial)
    }
}

extension Stores {
    /// Reads as `actor` re-read from the database, as writes do: a deactivated, locked or
    /// demoted operator sees what their account may see now, not what it could when they
    /// signed in. `body` asks `Policy` and returns the value or a refusal.
    ///
    /// A refusal is audited in a write transaction of its own (the read wrote nothing and
    /// needs no lock), then thrown as its `Denial`.
    func authorizedRead<T>(_ action: String, by actor: Actor, at now: @autoclosure () -> Date,
                           _ body: (StoreTransaction, Actor) throws -> Result<T, RefusedRead>) throws -> T {
        let outcome: Result<T, RefusedRead> = try read { tx in
            switch try UserService.fresh(actor, in: tx, at: now()) {
            case .success(let fresh): return try body(tx, fresh)
            case .failure(let denial): return .failure(RefusedRead(action, nil, denial))
            }
        }
        switch outcome {
        case .success(let value):
            return value
        case .failure(let refused):
            let time = now()
            try write { tx in _ = try tx.audit.append(refused.event, by: actor, at: time) }
            throw refused.denial.answer
        }
    }
}
