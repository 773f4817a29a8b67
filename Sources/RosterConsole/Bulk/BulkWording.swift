import RosterCore

/// What a bulk action will do and what it did, in words.
enum BulkWording {
    /// Over this many users the count must be typed to confirm.
    static let typeCountOver = 10

    static func dialog(_ action: BulkAction, count: Int, marks: Marks) -> ConfirmDialog<UserConfirmation> {
        let users = count == 1 ? "1 user" : "\(Formatting.count(count)) users"
        let which = marks.all.map { all in
            (all.filter.isEmpty ? "all \(users)" : "all \(users) matching “\(all.filter)”")
                + (all.dormantDays.map { " with no sign-in for \($0) days" } ?? "")
        } ?? "the \(users) marked"
        return dialog(action, count: count, which: which, title: "\(action.verb) \(users)",
                      after: "Each user is changed on their own, with an audit row; any you may not change is skipped and listed at the end. Esc stops between users.")
    }

    /// The confirmation for the selected user when nothing is marked: named, not counted.
    /// (The canvas sanitizes every name it draws.)
    static func dialog(_ action: BulkAction, user row: UserRow) -> ConfirmDialog<UserConfirmation> {
        let name = row.name.isEmpty ? row.email.value : row.name
        return dialog(action, count: 1, which: "\(name) (\(row.email.value))", title: "\(action.verb) \(name)",
                      after: "Nothing is marked, so this acts on the selected user only. Space marks users, * all matching the filter.")
    }

    private static func dialog(_ action: BulkAction, count: Int, which: String, title: String, after: String) -> ConfirmDialog<UserConfirmation> {
        let effect = switch action {
        case .deactivate: "Their sessions end, their API keys are revoked and their IP rules removed; reactivating doesn't bring those back."
        case .reactivate: "They can sign in again."
        case .lock: "They can't sign in until unlocked, and their sessions end."
        case .unlock: "They can sign in again; lockouts after failed sign-ins are cleared too."
        case .resetMFA: "Their authenticators and recovery codes stop working and their sessions end; they enroll again if policy requires it."
        case .endSessions: "They are signed out everywhere."
        case .requirePasswordChange: "They must choose a new password at their next sign-in."
        }
        let message = ["\(action.verb) \(which)? \(effect)", "", after]
        return ConfirmDialog(.bulk(action, count: count), title: title, message: message,
                             confirmLabel: label(action),
                             mustType: count > typeCountOver ? String(count) : nil)
    }

    /// The button, and the report's title.
    static func label(_ action: BulkAction) -> String {
        switch action {
        case .deactivate: "Deactivate"
        case .reactivate: "Reactivate"
        case .lock: "Lock"
        case .unlock: "Unlock"
        case .resetMFA: "Reset MFA"
        case .endSessions: "End sessions"
        case .requirePasswordChange: "Require password change"
        }
    }

    static func pastTense(_ action: BulkAction) -> String {
        switch action {
        case .deactivate: "Deactivated"
        case .reactivate: "Reactivated"
        case .lock: "Locked"
        case .unlock: "Unlocked"
        case .resetMFA: "Reset MFA of"
        case .endSessions: "Ended the sessions of"
        case .requirePasswordChange: "Required a password change of"
        }
    }

    /// The report: a summary line, then every user not done, grouped, each with why.
    static func report(_ action: BulkAction, _ report: BulkReport) -> [String] {
        var lines = ["\(pastTense(action)) \(Formatting.count(report.done.count)) of \(Formatting.count(report.selected)) users."]
        if let stopped = report.stopped {
            let untouched = report.selected - report.done.count - report.unchanged.count - report.refused.count - report.failed.count
            lines.append("Stopped: \(stopped) \(Formatting.count(untouched)) were not touched.")
        }
        if report.cancelled {
            let untouched = report.selected - report.done.count - report.unchanged.count - report.refused.count - report.failed.count
            lines.append("Stopped when you pressed Esc: \(Formatting.count(untouched)) were not touched.")
        }
        for (title, skipped) in [("Unchanged", report.unchanged), ("Refused", report.refused), ("Failed", report.failed)] where !skipped.isEmpty {
            lines += ["", "\(title) (\(Formatting.count(skipped.count))):"]
            // Some reasons name the user already ("x@y is already locked."): say it once.
            lines += skipped.map { $0.reason.contains($0.email) ? "  \($0.reason)" : "  \($0.email): \($0.reason)" }
        }
        lines += ["", "Each change has its own audit row (roster audit list)."]
        return lines
    }
}
