import Foundation
import RosterCore
import RosterTerminal

/// The approvals screen: requests waiting for a second person (or all of them, newest
/// first), approving one (after a yes) or rejecting it with a reason.
public struct ApprovalsState: Equatable, Sendable, RowScreen {
    public var rows: [ApprovalRequest] = []
    public var selected = 0
    public var loading = true
    public var error: String?
    /// Every request, settled ones too; otherwise only those still waiting.
    public var showingAll = false
    /// When the rows were read: a request still pending then but past its time shows as expired.
    public var readAt = Date.distantPast
    var dialog: ConfirmDialog<ApprovalsFeature.Work>?
    /// The reason asked for before a rejection.
    public var form: FormState?
    public var working = false
    public var notice: String?
    public var noticeRefused = false

    public init() {}

    public var selectedRow: ApprovalRequest? { rows.indices.contains(selected) ? rows[selected] : nil }

    /// How many of the rows still wait, leaving out those `email` asked for.
    public func waiting(notAskedBy email: String?) -> Int {
        rows.filter { $0.isOpen(at: readAt) && $0.requestedBy != email }.count
    }
}

/// What a key does on the approvals screen.
public enum ApprovalsAction: Equatable, Sendable {
    case move(Int)
    case approve
    case reject
    case toggleAll
    case reload
}

extension ApprovalsAction {
    public static let keymap = Keymap<ApprovalsAction>("Approvals", id: "approvals", [
        Binding(id: "down", ["j", .down], "down", footer: true, .move(1)),
        Binding(id: "up", ["k", .up], "up", .move(-1)),
        Binding(id: "approve", ["a", .enter], "approve: the change is made now, as you", short: "approve", footer: true,
                also: ["approve", "second person", "four eyes"], .approve),
        Binding(id: "reject", ["x"], "reject (or withdraw your own), saying why", short: "reject", footer: true, also: ["reject", "deny", "withdraw"], .reject),
        Binding(id: "all-or-waiting", ["f"], "show all requests / only those waiting", short: "all/waiting", .toggleAll),
        Binding(id: "read-again", ["r", .control("l")], "read again", .reload),
    ])
}
