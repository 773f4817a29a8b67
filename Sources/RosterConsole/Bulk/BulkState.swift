import RosterCore

/// A bulk action on the marked users, from its confirmation to its report. While it is open
/// nothing else on the screen takes keys.
public struct BulkState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        /// Asking; over ten users the count must be typed.
        case confirming(ConfirmDialog<UserConfirmation>)
        /// Running: `done` of `total`, updated as batches finish.
        case running(done: Int, total: Int)
        /// What happened, user by user where anything wasn't done; `scroll` is the first line shown.
        case finished(lines: [String], scroll: Int)
    }

    public var action: BulkAction
    public var targets: BulkTargets
    public var phase: Phase
    /// Esc was pressed while running: the run stops after the user in hand.
    public var cancelling = false

    public init(action: BulkAction, targets: BulkTargets, phase: Phase) {
        self.action = action
        self.targets = targets
        self.phase = phase
    }
}

/// A bulk run's outcome, as the reducer receives it.
public enum BulkResult: Equatable, Sendable {
    case finished(BulkReport)
    /// Nothing was changed (the count changed since it was confirmed, a database error).
    case failed(String)
}
