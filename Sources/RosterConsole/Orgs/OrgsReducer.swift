import RosterCore
import RosterTerminal

extension OrgsAction {
    public static let keymap = Keymap<OrgsAction>("Organizations", id: "organizations", [
        Binding(id: "down", ["j", .down], "down", footer: true, .move(1)),
        Binding(id: "up", ["k", .up], "up", .move(-1)),
        Binding(id: "members", [.enter], "members", footer: true, .members),
        Binding(id: "lock", ["l"], "lock or unlock", short: "lock", footer: true, .lockOrUnlock),
        Binding(id: "mfa", ["m"], "require MFA, or stop", short: "MFA", .requireMFA),
        Binding(id: "limits", ["e"], "user limits per kind", short: "limits", footer: true, .limits),
        Binding(id: "groups", ["g"], "groups", .groups),
        Binding(id: "review", ["v"], "access review of its members (the open one, or a new one)", short: "review",
                also: ["access review", "recertify", "audit members"], .review),
        Binding(id: "new", ["n"], "new organization", short: "new", .create),
        Binding(id: "rename", ["R"], "rename", .rename),
        Binding(id: "delete", ["X"], "delete (type its name)", short: "delete", .delete),
        Binding(id: "read-again", ["r", .control("l")], "read again", .reload),
    ])
}

extension OrgMembersAction {
    public static let keymap = Keymap<OrgMembersAction>("Members", id: "members", [
        Binding(id: "back", [.escape, .control("c")], "back to the organizations", short: "back", footer: true, .close),
    ])
}

/// The orgs screen's reducer.
enum OrgsReducer {
    static func reduce(_ state: inout OrgsState, key: Key, readOnly: Bool) -> [OrgsFeature.Work] {
        if state.working { return [] }
        if var review = state.review {
            var notice: (String, Bool)?
            let (work, closed) = ReviewReducer.reduce(&review, key: key, readOnly: readOnly, notice: &notice)
            state.review = closed ? nil : review
            if let (message, refused) = notice { state.say(message, refused: refused) } else { state.notice = nil }
            if closed {
                state.loading = true
                return [.loadOrgs]
            }
            return work.map(OrgsFeature.Work.review)
        }
        if var groups = state.groups {
            var notice: (String, Bool)?
            let (effects, closed) = GroupsReducer.reduce(&groups, key: key, readOnly: readOnly, notice: &notice)
            state.groups = closed ? nil : groups
            if let (message, refused) = notice { state.say(message, refused: refused) } else { state.notice = nil }
            return effects
        }
        if state.members != nil {
            if OrgMembersAction.keymap.action(for: key) == .close { state.members = nil }
            return []
        }
        if state.dialog != nil {
            guard let change = ConfirmDialog.key(key, on: &state.dialog) else { return [] }
            state.working = true
            return [change]
        }
        if var form = state.form, state.formKind != .limits {
            let outcome = form.handle(key)
            let name = form.text("name").trimmingCharacters(in: .whitespaces)
            let taken = state.rows.contains { $0.org.name.lowercased() == name.lowercased() && $0.org.id != state.formOrg }
            form.setProblem("name", name.isEmpty ? "Give the organization a name." : name.count > 100 ? "100 characters at most."
                : taken ? "An organization by that name exists." : nil)
            switch outcome {
            case .open: state.form = form
            case .cancelled: state.form = nil
            case .submitted:
                state.form = nil
                if state.formKind == .create {
                    state.dialog = ConfirmDialog(.changeOrg(.create(name: name), nil, expectedVersion: nil), title: "New organization",
                                                 message: ["Create the organization “\(name)”? It starts with no members and no limits."],
                                                 confirmLabel: "Create")
                } else if let row = state.rows.first(where: { $0.org.id == state.formOrg }) {
                    state.dialog = ConfirmDialog(.changeOrg(.rename(name), row.org.id, expectedVersion: row.org.version), title: "Rename organization",
                                                 message: ["Rename “\(row.org.name)” to “\(name)”? Members, groups and limits stay."],
                                                 confirmLabel: "Rename")
                }
            }
            return []
        }
        if var form = state.form, let row = state.rows.first(where: { $0.org.id == state.formOrg }) ?? state.selectedRow {
            let outcome = form.handle(key)
            validateLimits(&form)
            switch outcome {
            case .open: state.form = form
            case .cancelled: state.form = nil
            case .submitted:
                state.form = nil
                let standard = Int(form.text("standard").trimmingCharacters(in: .whitespaces))
                let service = Int(form.text("service").trimmingCharacters(in: .whitespaces))
                state.dialog = ConfirmDialog(.changeOrg(.limits(standard: standard, service: service), row.org.id, expectedVersion: row.org.version),
                                             title: "User limits", message: [
                    "Limit \(row.org.name) to \(standard.map(String.init) ?? "any number of") standard and "
                        + "\(service.map(String.init) ?? "any number of") API service accounts?",
                    "It has \(row.headcount.standard) and \(row.headcount.service) now. A limit below that only stops new members; "
                        + "read-only accounts never count.",
                ], confirmLabel: "Set limits")
            }
            return []
        }
        state.notice = nil
        guard let action = OrgsAction.keymap.action(for: key) else { return [] }
        switch action {
        case .move(let by):
            if !state.rows.isEmpty { state.selected = max(0, min(state.rows.count - 1, state.selected + by)) }
        case .reload:
            state.loading = true
            return [.loadOrgs]
        case .members:
            guard let row = state.selectedRow else { return [] }
            return [.loadMembers(row.org.id)]
        case .review:
            guard let row = state.selectedRow else { return [] }
            if let refusal = row.refusals[.reviewMembers] {
                state.say(refusal, refused: true)
                return []
            }
            state.review = ReviewState(orgId: row.org.id, orgName: row.org.name)
            return [.review(.open(row.org.id))]
        case .groups:
            guard let row = state.selectedRow else { return [] }
            state.groups = GroupsState(orgId: row.org.id, orgName: row.org.name, refusal: row.refusals[.manageGroups])
            return [.loadGroups(row.org.id)]
        case .create:
            if let refusal = readOnly ? ReadOnlyConsole.refusal : state.rows.first?.refusals[.create] {
                state.say(refusal, refused: true)
                return []
            }
            state.form = FormState(title: "New organization", fields: [.init(id: "name", label: "Name", value: .text(""), hint: "Unique.")])
            state.formKind = .create
            state.formOrg = nil
        case .rename, .delete:
            guard let row = state.selectedRow else { return [] }
            let orgAction: OrgAction = action == .rename ? .rename : .delete
            if let refusal = readOnly ? ReadOnlyConsole.refusal : row.refusals[orgAction] {
                state.say(refusal, refused: true)
            } else if action == .rename {
                state.form = FormState(title: "Rename \(row.org.name)", fields: [.init(id: "name", label: "Name", value: .text(row.org.name), hint: "Unique.")])
                state.formKind = .rename
                state.formOrg = row.org.id
            } else {
                let members = row.headcount.standard + row.headcount.service + row.headcount.readOnly
                state.dialog = ConfirmDialog(.changeOrg(.delete, row.org.id, expectedVersion: row.org.version), title: "Delete organization",
                                             message: ["Delete \(row.org.name) for good? Its \(members) membership(s) and its groups go; "
                                                + "the users themselves stay. This can't be undone."],
                                             confirmLabel: "Delete", mustType: row.org.name)
            }
        case .lockOrUnlock, .requireMFA, .limits:
            guard let row = state.selectedRow else { return [] }
            let change: OrgChange = switch action {
            case .lockOrUnlock: .lock(!row.org.locked)
            case .requireMFA: .requireMFA(!row.org.mfaRequired)
            default: .limits(standard: nil, service: nil)
            }
            if readOnly {
                state.say(ReadOnlyConsole.refusal, refused: true)
            } else if let refusal = row.refusals[change.action] {
                state.say(refusal, refused: true)
            } else if action == .limits {
                var form = FormState(title: "User limits of \(row.org.name)", fields: [
                    .init(id: "standard", label: "Standard", value: .text(row.org.standardUserLimit.map(String.init) ?? ""),
                          hint: "Most standard accounts; empty: no limit."),
                    .init(id: "service", label: "API service", value: .text(row.org.serviceUserLimit.map(String.init) ?? ""),
                          hint: "Most API service accounts; empty: no limit."),
                ])
                validateLimits(&form)
                state.form = form
                state.formOrg = row.org.id
                state.formKind = .limits
            } else {
                state.dialog = confirmation(change, row)
            }
        }
        return []
    }

    /// An outcome of the screen's work, landing where it was asked for (dropped when that list is closed).
    static func landed(_ state: inout OrgsState, _ outcome: OrgsFeature.Outcome) -> [OrgsFeature.Work] {
        switch outcome {
        case .orgsLoaded(let result):
            state.loaded(result)
            return []
        case .review(let outcome):
            guard var review = state.review else { return [] }
            var notice: (String, Bool)?
            let work = ReviewReducer.landed(&review, outcome, notice: &notice)
            state.review = review
            if let (message, refused) = notice { state.say(message, refused: refused) }
            return work.map(OrgsFeature.Work.review)
        case .membersLoaded(let id, let result):
            guard state.selectedRow?.org.id == id else { return [] }
            switch result {
            case .success(let members): state.members = members
            case .failure(let failure): state.say(failure.message, refused: true)
            }
            return []
        case .groupsLoaded(let id, let result):
            state.landInGroups(result, if: { $0.orgId == id }) { groups, rows in
                groups.loading = false
                groups.rows = rows
                groups.selected = min(groups.selected, max(0, rows.count - 1))
            }
            return []
        case .groupMembersLoaded(let id, let result):
            state.landInGroups(result, if: { $0.selectedRow?.group.id == id }) { groups, members in
                groups.members = members
                groups.memberSelected = min(groups.memberSelected, max(0, members.count - 1))
            }
            return []
        case .groupCandidatesLoaded(let id, let result):
            guard var groups = state.groups, var picker = groups.picker, picker.groupId == id else { return [] }
            switch result {
            case .success(let members):
                let already = Set(groups.members ?? [])
                picker.candidates = members.filter { !already.contains($0.email) }
            case .failure(let failure):
                picker.candidates = []
                picker.error = failure.message
            }
            groups.picker = picker
            state.groups = groups
            return []
        case .groupChanged(let result):
            guard var groups = state.groups else { return [] }
            groups.working = false
            state.say(result)
            groups.loading = true
            state.groups = groups
            // The member list, when open, is read again too: it is what the change was made on.
            let members = groups.members != nil ? groups.selectedRow.map { [OrgsFeature.Work.loadGroupMembers($0.group.id)] } ?? [] : []
            return [.loadGroups(groups.orgId)] + members
        case .orgChanged(let result):
            state.working = false
            state.say(result)
            state.loading = true
            return [.loadOrgs]
        }
    }

    static func validateLimits(_ form: inout FormState) {
        for id in ["standard", "service"] {
            let text = form.text(id).trimmingCharacters(in: .whitespaces)
            form.setProblem(id, text.isEmpty || Int(text).map { $0 >= 0 } == true ? nil : "A whole number, 0 or more; empty for no limit.")
        }
    }

    static func confirmation(_ change: OrgChange, _ row: OrgsState.Row) -> ConfirmDialog<OrgsFeature.Work> {
        let org = row.org
        let (title, message, label): (String, String, String) = switch change {
        case .lock(true): ("Lock organization", "Lock \(org.name)? Its members stay, but nothing about it can change until it is unlocked.", "Lock")
        case .lock(false): ("Unlock organization", "Unlock \(org.name)? It can be changed again.", "Unlock")
        case .requireMFA(true):
            ("Require MFA", "Require MFA in \(org.name)? Its \(ChangeWording.count(row.headcount.standard, "standard member")) without MFA must enroll at their next step.", "Require")
        case .requireMFA(false): ("Stop requiring MFA", "Stop requiring MFA in \(org.name)? Members keep MFA if they have it.", "Stop")
        case .limits, .create, .rename, .delete: ("Change organization", "", "Change")
        }
        return ConfirmDialog(.changeOrg(change, org.id, expectedVersion: org.version), title: title, message: [message], confirmLabel: label)
    }

    /// "12 / 20 (8 more)", "3 / no limit".
    static func capacity(_ count: Int, _ limit: Int?) -> String {
        guard let limit else { return "\(count) / no limit" }
        return "\(count) / \(limit) (\(max(0, limit - count)) more)"
    }
}
