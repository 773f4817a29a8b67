import RosterCore
import RosterTerminal

/// The access review's reducer: decisions go to the service as they are taken (so another
/// console, or `roster reviews show`, sees them), and submit asks first.
enum ReviewReducer {
    /// A key in the review; `closed` when Esc goes back to the orgs.
    static func reduce(_ review: inout ReviewState, key: Key, readOnly: Bool, notice: inout (String, Bool)?) -> ([ReviewWork], closed: Bool) {
        if review.working { return ([], false) }
        if review.dialog != nil {
            guard let work = ConfirmDialog.key(key, on: &review.dialog) else { return ([], false) }
            review.working = true
            return ([work], false)
        }
        guard let action = ReviewAction.keymap.action(for: key) else { return ([], false) }
        if case .close = action { return ([], true) }
        if case .move(let by) = action {
            let count = review.sheet?.items.count ?? 0
            if count > 0 { review.selected = max(0, min(count - 1, review.selected + by)) }
            return ([], false)
        }
        if readOnly {
            notice = (ReadOnlyConsole.refusal, true)
            return ([], false)
        }
        guard let sheet = review.sheet, let id = sheet.review.id else { return ([], false) }
        if !sheet.review.isOpen {
            notice = (ReviewProblem.submitted(id.rawValue).message, true)
            return ([], false)
        }
        if action == .submit {
            if sheet.undecided > 0 {
                notice = (ReviewProblem.undecided(sheet.undecided).message, true)
                return ([], false)
            }
            review.dialog = confirmation(sheet)
            return ([], false)
        }
        guard let item = review.selectedItem, let user = item.userId else { return ([], false) }
        let decision: ReviewDecision = switch action {
        case .keep: .keep
        case .remove: .remove
        default: nextRole(item)
        }
        review.working = true
        return ([.decide(id, user, decision)], false)
    }

    /// The next org role other than theirs, after the one already chosen.
    static func nextRole(_ item: ReviewItem) -> ReviewDecision {
        let others = OrgRole.allCases.reversed().filter { $0 != item.orgRole }
        if case .role(let chosen)? = item.decided, let index = others.firstIndex(of: chosen) {
            return .role(others[(index + 1) % others.count])
        }
        return .role(others.first ?? .member)
    }

    static func confirmation(_ sheet: ReviewSheet) -> ConfirmDialog<ReviewWork>? {
        guard let id = sheet.review.id else { return nil }
        let removed = sheet.items.filter { $0.decided == .remove }.count
        let changed = sheet.items.filter { if case .role(let role)? = $0.decided { role != $0.orgRole } else { false } }.count
        return ConfirmDialog(.submit(id), title: "Submit review #\(id.rawValue)",
                             message: ["Apply the review of \(sheet.review.orgName) now? \(ChangeWording.count(removed, "member")) removed, "
                                + "\(changed) given another org role, the rest kept. All at once, or none if a member changed meanwhile."],
                             confirmLabel: "Submit")
    }

    /// An outcome landing on the review (dropped when another org's review is open now).
    static func landed(_ review: inout ReviewState, _ outcome: ReviewOutcome, notice: inout (String, Bool)?) -> [ReviewWork] {
        switch outcome {
        case .opened(let org, let result):
            guard org == review.orgId else { return [] }
            review.loading = false
            review.working = false
            switch result {
            case .success(let sheet):
                review.sheet = sheet
                review.selected = min(review.selected, max(0, sheet.items.count - 1))
            case .failure(let failure):
                review.error = failure.message
            }
            return []
        case .decided(let result):
            review.working = false
            switch result {
            case .success(let item):
                guard var sheet = review.sheet, let index = sheet.items.firstIndex(where: { $0.id == item.id }) else { return [] }
                sheet.items[index] = item
                review.sheet = sheet
                review.selected = min(index + 1, sheet.items.count - 1)
            case .failure(let failure):
                notice = (failure.message, true)
            }
            return []
        case .submitted(let result):
            review.working = false
            switch result {
            case .done(let message): notice = (message, false)
            case .refused(let message): notice = (message, true)
            case .secret(let shown): notice = (shown.title, false)
            }
            return review.sheet?.review.id.map { [.show(review.orgId, $0)] } ?? []
        }
    }
}
