import RosterCore
import RosterTerminal

/// An access review of one org, opened from the orgs screen with `v`: every member as they
/// were when it started, a decision for each, submitted at once.
public struct ReviewState: Equatable, Sendable {
    public var orgId: OrgID
    public var orgName: String
    public var sheet: ReviewSheet?
    public var selected = 0
    public var loading = true
    public var error: String?
    var dialog: ConfirmDialog<ReviewWork>?
    public var working = false

    public init(orgId: OrgID, orgName: String) {
        self.orgId = orgId
        self.orgName = orgName
    }

    public var selectedItem: ReviewItem? {
        guard let items = sheet?.items, items.indices.contains(selected) else { return nil }
        return items[selected]
    }
}

/// What the review asks of the outside world.
public enum ReviewWork: Equatable, Sendable {
    /// The org's open review, or a new one.
    case open(OrgID)
    /// One review as it is now (after a submit: kept as submitted).
    case show(OrgID, ReviewID)
    case decide(ReviewID, UserID, ReviewDecision)
    case submit(ReviewID)
}

/// What comes back.
public enum ReviewOutcome: Equatable, Sendable {
    case opened(OrgID, Result<ReviewSheet, ScreenReadFailure>)
    case decided(Result<ReviewItem, ScreenReadFailure>)
    case submitted(ChangeResult)
}

/// What a key does in a review.
public enum ReviewAction: Equatable, Sendable {
    case move(Int)
    case keep
    case remove
    case otherRole
    case submit
    case close
}

extension ReviewAction {
    public static let keymap = Keymap<ReviewAction>("Access review", id: "review", [
        Binding(id: "down", ["j", .down], "down", .move(1)),
        Binding(id: "up", ["k", .up], "up", .move(-1)),
        Binding(id: "keep", ["y"], "keep them", short: "keep", footer: true, also: ["keep", "approve member"], .keep),
        Binding(id: "remove", ["x"], "remove them from the org (on submit)", short: "remove", footer: true, also: ["remove member"], .remove),
        Binding(id: "other-role", ["o"], "another org role (again for the next)", short: "role", footer: true, .otherRole),
        Binding(id: "submit", ["S"], "submit: apply every decision at once", short: "submit", footer: true, also: ["submit review"], .submit),
        Binding(id: "back", [.escape], "back to the organizations (the review stays open)", short: "back", footer: true, .close),
    ])
}
