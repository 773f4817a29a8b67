import RosterCore
import RosterTerminal

/// Marks and bulk actions on the users table: marking, confirming, running, reporting.
enum BulkReducer {
    /// Space: mark or unmark the selected user, then move down (to mark a run of rows).
    static func toggleMark(_ users: inout UsersState, visible: Int) -> [Effect] {
        guard let row = users.selectedRow else { return [] }
        users.marks.toggle(row.id)
        return UsersReducer.select(&users, users.selected + 1, visible: visible)
    }

    /// `*`: mark every user matching the filter (counted, not loaded); with marks, clear them.
    static func toggleMarkAll(_ users: inout UsersState) -> [Effect] {
        if !users.marks.isEmpty {
            users.marks = Marks()
            users.notice = "Marks cleared."
            return []
        }
        // The count on the status line is exact when known; otherwise count now, exactly.
        let known = users.loadingList ? nil : users.total
        users.marks.all = Marks.AllMatching(filter: users.filter, total: known, dormantDays: users.dormantDays)
        return known == nil ? [.countMarks(filter: users.filter, dormantDays: users.dormantDays)] : []
    }

    /// `z`: how many days without a sign-in? Then the table lists only those users (and `*`
    /// marks them). With the dormant filter on, `z` turns it off.
    static func askDormant(_ users: inout UsersState, visible: Int) -> [Effect] {
        if users.dormantDays != nil {
            users.dormantDays = nil
            users.notice = "Showing every user again, not only the dormant ones."
            return UsersReducer.restart(&users, recount: true, visible: visible)
        }
        var form = FormState(title: "Show dormant users", fields: [
            .init(id: "days", label: "No sign-in for", value: .text("90"),
                  hint: "Days; users who never signed in count from when they were created."),
        ])
        validateDays(&form)
        users.dormantForm = form
        return []
    }

    static func validateDays(_ form: inout FormState) {
        let days = Int(form.text("days").trimmingCharacters(in: .whitespaces))
        form.setProblem("days", days.map { (1...36_500).contains($0) } == true ? nil : "Whole days, 1 or more.")
    }

    static func dormantKey(_ users: inout UsersState, _ key: Key, visible: Int) -> [Effect] {
        guard var form = users.dormantForm else { return [] }
        let outcome = form.handle(key)
        validateDays(&form)
        switch outcome {
        case .open:
            users.dormantForm = form
            return []
        case .cancelled:
            users.dormantForm = nil
            return []
        case .submitted:
            users.dormantForm = nil
            users.dormantDays = Int(form.text("days").trimmingCharacters(in: .whitespaces))
            return UsersReducer.restart(&users, recount: true, visible: visible)
        }
    }

    static func marksCounted(_ users: inout UsersState, filter: String, total: Int) {
        guard var all = users.marks.all, all.filter == filter, all.total == nil else { return }
        all.total = total
        users.marks.all = all
    }

    /// A bulk key on the table: the confirmation, or why not. With nothing marked it acts on
    /// the selected user, with one confirmation naming them, as the drawer would.
    static func begin(_ users: inout UsersState, _ action: BulkAction, readOnly: Bool) {
        if readOnly {
            users.notice = ReadOnlyConsole.refusal
        } else if users.marks.isEmpty {
            guard let row = users.selectedRow else {
                users.notice = "No user to act on: the list is empty. Mark users with Space or *, or clear the filter."
                return
            }
            let dialog = BulkWording.dialog(action, user: row)
            users.bulk = BulkState(action: action, targets: .users([row.id]), phase: .confirming(dialog))
        } else if let count = users.marks.count {
            if count == 0 {
                users.notice = "No users are marked (every match was unmarked)."
                return
            }
            let dialog = BulkWording.dialog(action, count: count, marks: users.marks)
            users.bulk = BulkState(action: action, targets: users.marks.targets, phase: .confirming(dialog))
        } else {
            users.notice = "Still counting the marked users; try again in a moment."
        }
    }

    /// A key while a bulk action is open: nothing behind it takes keys.
    static func key(_ users: inout UsersState, _ key: Key) -> [Effect] {
        guard var bulk = users.bulk else { return [] }
        var effects: [Effect] = []
        switch bulk.phase {
        case .confirming(var dialog):
            switch dialog.handle(key) {
            case .open:
                bulk.phase = .confirming(dialog)
            case .cancelled:
                users.bulk = nil
                return []
            case .confirmed:
                guard case .bulk(let action, let count) = dialog.confirms else { return [] }
                bulk.phase = .running(done: 0, total: count)
                effects = [.runBulk(action, bulk.targets, expected: count)]
            }
        case .running:
            guard BulkRunAction.keymap.action(for: key) == .cancel, !bulk.cancelling else { return [] }
            bulk.cancelling = true
            effects = [.cancelBulk]
        case .finished(let lines, let scroll):
            switch BulkReportAction.keymap.action(for: key) {
            case .scroll(let by): bulk.phase = .finished(lines: lines, scroll: max(0, min(scroll + by, lines.count - 1)))
            case .close:
                users.bulk = nil
                return []
            case nil: break
            }
        }
        users.bulk = bulk
        return effects
    }

    static func progressed(_ users: inout UsersState, done: Int, total: Int) {
        guard var bulk = users.bulk, case .running = bulk.phase else { return }
        bulk.phase = .running(done: done, total: total)
        users.bulk = bulk
    }

    /// The run ended: the report replaces the progress, marks are cleared, and the table is read again.
    static func finished(_ users: inout UsersState, _ result: BulkResult, visible: Int) -> [Effect] {
        guard var bulk = users.bulk else { return [] }
        switch result {
        case .finished(let report):
            bulk.phase = .finished(lines: BulkWording.report(bulk.action, report), scroll: 0)
            users.marks = Marks()
        case .failed(let message):
            // Nothing was changed: the marks stay, to look again and retry.
            bulk.phase = .finished(lines: [message], scroll: 0)
        }
        users.bulk = bulk
        return UsersReducer.restart(&users, recount: true, visible: visible)
    }
}
