import Foundation
import RosterCore
import RosterTerminal

/// `x`: the marked users written to a new CSV file (the columns `users import` reads).
enum ExportReducer {
    static func begin(_ users: inout UsersState) {
        guard !users.exporting else {
            users.notice = "An export is being written; wait for it to finish."
            return
        }
        guard !users.overSSH else {
            users.notice = "Over SSH, files on the server are not written: ssh roster@HOST users export … > users.csv"
            return
        }
        guard !users.marks.isEmpty else {
            users.notice = "Mark users first: Space marks one, * marks all matching the filter; x then exports them."
            return
        }
        let count = users.marks.count.map { Formatting.count($0) + " marked user" + ($0 == 1 ? "" : "s") } ?? "the marked users"
        var form = FormState(title: "Export \(count) as CSV", fields: [
            .init(id: "file", label: "File", value: .text("~/roster-users.csv"),
                  hint: "A new CSV file on the server (mode 0600), never written over."),
        ])
        validate(&form)
        users.exportForm = form
    }

    static func validate(_ form: inout FormState) {
        form.setProblem("file", form.text("file").trimmingCharacters(in: .whitespaces).isEmpty ? "Type the file's path." : nil)
    }

    static func key(_ users: inout UsersState, _ key: Key) -> [Effect] {
        guard var form = users.exportForm else { return [] }
        let outcome = form.handle(key)
        validate(&form)
        switch outcome {
        case .open:
            users.exportForm = form
            return []
        case .cancelled:
            users.exportForm = nil
            return []
        case .submitted:
            users.exportForm = nil
            users.exporting = true
            users.notice = "Exporting…"
            return [.exportUsers(users.marks.targets, path: form.text("file").trimmingCharacters(in: .whitespaces))]
        }
    }

    static func finished(_ users: inout UsersState, _ result: ChangeResult) {
        users.exporting = false
        switch result {
        case .done(let message), .refused(let message): users.notice = message
        case .secret: break
        }
    }
}
