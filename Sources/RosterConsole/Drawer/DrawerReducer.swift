import RosterCore
import RosterTerminal

/// The drawer's reducer: keys and the loaded detail in, state and effects out.
enum DrawerReducer {
    /// Opens the drawer on a row and asks for its detail.
    static func open(_ row: UserRow, overSSH: Bool = false) -> (DrawerState, [Effect]) {
        var drawer = DrawerState(userId: row.id, name: row.name, email: row.email.value)
        drawer.overSSH = overSSH
        let read = drawer.read()
        return (drawer, [read])
    }

    /// A key while the drawer is open. `closed` means Esc.
    static func reduce(_ drawer: inout DrawerState, key: Key, readOnly: Bool = false) -> (effects: [Effect], closed: Bool) {
        if drawer.secret != nil {
            // Only closing: the secret is dropped from memory then and can't be shown again.
            if SecretAction.keymap.action(for: key) == .close {
                drawer.secret = nil
                drawer.notice = "Closed; it can't be shown again."
                drawer.noticeRefused = false
            }
            return ([], false)
        }
        if drawer.form != nil { return (formKey(&drawer, key), false) }
        if drawer.rolePicker != nil {
            RolePickerAction.reduce(&drawer, key: key)
            return ([], false)
        }
        if drawer.itemPicker != nil {
            ItemPickerAction.reduce(&drawer, key: key)
            return ([], false)
        }
        if drawer.dialog != nil { return (dialogKey(&drawer, key), false) }
        // While a change is on its way, keys wait: a second press must not act on a stale screen.
        if drawer.changing { return ([], false) }
        drawer.notice = nil
        guard let action = DrawerAction.keymap.action(for: key) else { return ([], false) }
        let tabs = DrawerState.Tab.allCases
        switch action {
        case .close:
            return ([], true)
        case .nextTab:
            drawer.tab = tabs[(drawer.tab.rawValue + 1) % tabs.count]
            drawer.scroll = 0
        case .previousTab:
            drawer.tab = tabs[(drawer.tab.rawValue + tabs.count - 1) % tabs.count]
            drawer.scroll = 0
        case .tab(let tab):
            drawer.tab = tab
            drawer.scroll = 0
        case .scroll(let lines):
            drawer.scroll = max(0, drawer.scroll + lines)
        case .reload:
            drawer.error = nil
            return ([drawer.read()], false)
        case .change(let change):
            guard !readOnly else {
                drawer.notice = ReadOnlyConsole.refusal
                drawer.noticeRefused = true
                return ([], false)
            }
            if drawer.reading {
                drawer.pendingChange = change
            } else {
                return (begin(change, &drawer), false)
            }
        }
        return ([], false)
    }

    /// A change key on details that are on screen and current: why not, or what it will do.
    @discardableResult
    static func begin(_ change: DrawerAction.Change, _ drawer: inout DrawerState) -> [Effect] {
        guard let detail = drawer.detail else {
            drawer.notice = "The details could not be read; press r to try again."
            drawer.noticeRefused = true
            return []
        }
        // Said at once, from the same Policy the service asks: no dialog for a change that can't happen.
        if let reason = detail.refusals[ChangeWording.userAction(change, for: detail)] {
            drawer.notice = reason
            drawer.noticeRefused = true
        } else if change == .newAPIKey {
            drawer.form = APIKeyForm.form(for: detail.profile.fullName)
            drawer.formKind = .apiKey
        } else if change == .editProfile {
            drawer.form = ProfileForm.form(detail.profile)
            drawer.formKind = .profile
        } else if change == .changeRole {
            drawer.rolePicker = RolePickerState(current: detail.profile.systemRole ?? .standard, refusals: detail.roleRefusals)
        } else if change == .revokeKey || change == .endSession {
            let picker = change == .revokeKey ? ItemPickerState.keys(detail) : ItemPickerState.sessions(detail)
            if let picker {
                drawer.itemPicker = picker
            } else {
                drawer.notice = change == .revokeKey ? "They have no API key in use." : "They have no open session."
                drawer.noticeRefused = true
            }
        } else if change == .removeIPRule {
            if let picker = ItemPickerState.ipRules(detail) {
                drawer.itemPicker = picker
            } else {
                drawer.notice = "They have no IP rules: they may sign in from any address."
                drawer.noticeRefused = true
            }
        } else if change == .addIPRule {
            drawer.form = FormState(title: "IP rule for \(detail.profile.fullName)", fields: [
                .init(id: "cidr", label: "Address", value: .text(""),
                      hint: "Such as 203.0.113.0/24 or 2001:db8::/32; sign-in from elsewhere is refused."),
            ])
            drawer.formKind = .ipRule
            validateCIDR(&drawer)
        } else if change == .setAvatar, drawer.overSSH {
            drawer.notice = "Over SSH, files on the server are not read: ssh roster@HOST users set-avatar \(detail.profile.email) - < picture.png"
            drawer.noticeRefused = true
        } else if change == .setAvatar {
            drawer.form = AvatarForm.form(for: detail.profile.fullName)
            drawer.formKind = .avatar
        } else if change == .clearAvatar {
            if let avatar = detail.avatar {
                drawer.dialog = AvatarForm.clearConfirmation(avatar, detail)
            } else {
                drawer.notice = "They have no avatar; v sets one."
                drawer.noticeRefused = true
            }
        } else if change == .elevate {
            let choices = ElevationForm.choices(detail)
            guard !choices.isEmpty else {
                drawer.notice = "There is no higher role you may lend them."
                drawer.noticeRefused = true
                return []
            }
            drawer.form = ElevationForm.form(detail, choices: choices)
            drawer.formKind = .elevation(choices.map(\.role))
        } else if change == .endElevation {
            guard !detail.profile.elevations.isEmpty else {
                drawer.notice = "They hold no lent role; U lends one."
                drawer.noticeRefused = true
                return []
            }
            drawer.dialog = ElevationForm.endConfirmation(detail.profile)
        } else if change == .addToOrg {
            drawer.changing = true
            return [.loadMembershipOrgs(detail.profile.id)]
        } else if change == .changeMembership {
            guard !detail.profile.memberships.isEmpty else {
                drawer.notice = "They belong to no organization; o adds them to one."
                drawer.noticeRefused = true
                return []
            }
            drawer.form = MembershipForm.change(detail.profile)
            drawer.formKind = .changeMembership
        } else {
            drawer.dialog = ChangeWording.dialog(change, for: detail)
        }
        return []
    }

    /// A key while a confirmation is open: it goes nowhere else.
    static func dialogKey(_ drawer: inout DrawerState, _ key: Key) -> [Effect] {
        guard var dialog = drawer.dialog else { return [] }
        switch dialog.handle(key) {
        case .open:
            drawer.dialog = dialog
            return []
        case .cancelled:
            drawer.dialog = nil
            return []
        case .confirmed:
            drawer.dialog = nil
            drawer.changing = true
            switch dialog.confirms {
            case .change(let change, let user, let version): return [.changeUser(change, user: user, expectedVersion: version)]
            case .delete(let user, let version): return [.deleteUser(user, expectedVersion: version)]
            case .task(let task, let user): return [.runTask(task, user)]
            case .edit(let change, let user, let version): return [.editUser(change, user, expectedVersion: version)]
            case .revokeKey(let key, let user): return [.editUser(.revokeKey(key), user, expectedVersion: nil)]
            case .endSession(let session, let user): return [.editUser(.endSession(session), user, expectedVersion: nil)]
            case .bulk, .create: return []
            }
        }
    }

    /// A key in the new-API-key form: checked as typed; Enter with every field right asks to confirm.
    static func formKey(_ drawer: inout DrawerState, _ key: Key) -> [Effect] {
        // While its file is read, the avatar form waits for the answer.
        guard var form = drawer.form, !drawer.changing else { return [] }
        let outcome = form.handle(key)
        let profile = drawer.detail?.profile
        switch drawer.formKind {
        case .apiKey: APIKeyForm.validate(&form)
        case .profile: if let profile { ProfileForm.validate(&form, profile) }
        case .addMembership, .changeMembership: break
        case .avatar: AvatarForm.validate(&form)
        case .elevation: ElevationForm.validate(&form)
        case .ipRule:
            let text = form.text("cidr").trimmingCharacters(in: .whitespaces)
            form.setProblem("cidr", text.isEmpty ? "Type an address with a prefix." : IPRuleFormat.isValid(text) ? nil
                : "An address with a prefix, such as 203.0.113.0/24, 203.0.113.7/32 or 2001:db8::/32.")
        }
        switch outcome {
        case .open:
            drawer.form = form
        case .cancelled:
            drawer.form = nil
        case .submitted where drawer.formKind == .avatar:
            // Open until the file is read: a problem with it is shown beside the path.
            drawer.form = form
            drawer.changing = true
            return [.readAvatar(path: AvatarForm.path(form), user: drawer.userId)]
        case .submitted:
            drawer.form = nil
            switch drawer.formKind {
            case .apiKey:
                drawer.dialog = APIKeyForm.confirmation(APIKeyForm.task(form), user: drawer.userId, name: drawer.name)
            case .profile:
                guard let profile, let change = ProfileForm.change(form, profile) else {
                    drawer.notice = "Nothing changed."
                    drawer.noticeRefused = false
                    return []
                }
                drawer.dialog = ProfileForm.confirmation(change, profile)
            case .addMembership(let orgs):
                guard let profile else { return [] }
                drawer.dialog = MembershipForm.confirmation(form, profile: profile, orgs: orgs)
            case .ipRule:
                let cidr = form.text("cidr").trimmingCharacters(in: .whitespaces)
                drawer.dialog = ConfirmDialog(.edit(.addIPRule(cidr), drawer.userId, expectedVersion: nil), title: "Add IP rule",
                                              message: ["Let \(drawer.name) sign in only from \(cidr) (and any other rule they have)? "
                                                + "Their sessions from elsewhere end at their next step."],
                                              confirmLabel: "Add rule")
            case .avatar:
                return []
            case .elevation(let roles):
                guard let profile else { return [] }
                drawer.dialog = ElevationForm.confirmation(form, roles: roles, profile: profile)
            case .changeMembership:
                guard let profile else { return [] }
                drawer.dialog = MembershipForm.confirmation(form, profile: profile, orgs: nil)
                if drawer.dialog == nil {
                    drawer.notice = "Nothing changed."
                    drawer.noticeRefused = false
                }
            }
        }
        return []
    }

    /// Checks the address rule field of a fresh form (a form is checked after each key too).
    static func validateCIDR(_ drawer: inout DrawerState) {
        guard var form = drawer.form else { return }
        form.setProblem("cidr", "Type an address with a prefix.")
        drawer.form = form
    }

    /// The orgs the operator may add this user to arrived: the form, or why there is none.
    static func membershipOrgsLoaded(_ drawer: inout DrawerState, _ result: Result<[CreateUserOptions.OrgChoice], ScreenReadFailure>) {
        drawer.changing = false
        guard let profile = drawer.detail?.profile else { return }
        switch result {
        case .success(let all):
            let orgs = all.filter { org in !profile.memberships.contains { $0.orgId == org.id } }
            guard !orgs.isEmpty else {
                drawer.notice = "There is no organization you may add them to that they aren't in already."
                drawer.noticeRefused = true
                return
            }
            drawer.form = MembershipForm.add(profile, orgs: orgs)
            drawer.formKind = .addMembership(orgs)
        case .failure(let failure):
            drawer.notice = failure.message
            drawer.noticeRefused = true
        }
    }

    /// The avatar form's file, read: the confirmation, or the problem beside the path.
    static func avatarRead(_ drawer: inout DrawerState, _ result: Result<AvatarImage, ScreenReadFailure>) {
        drawer.changing = false
        guard var form = drawer.form, drawer.formKind == .avatar else { return }
        switch result {
        case .success(let image):
            guard let detail = drawer.detail else { return }
            drawer.form = nil
            drawer.dialog = AvatarForm.confirmation(image, path: AvatarForm.path(form), detail)
        case .failure(let failure):
            form.setProblem("file", failure.message)
            drawer.form = form
        }
    }

    /// A change's answer: say what happened, and read the user again either way.
    static func changed(_ drawer: inout DrawerState, _ result: ChangeResult) -> [Effect] {
        drawer.changing = false
        switch result {
        case .done(let message):
            drawer.notice = message
            drawer.noticeRefused = false
        case .refused(let message):
            drawer.notice = message
            drawer.noticeRefused = true
        case .secret(let shown):
            drawer.secret = shown
            drawer.notice = nil
        }
        return [drawer.read()]
    }

    static func loaded(_ drawer: inout DrawerState, generation: Int, _ result: DetailResult) {
        guard generation == drawer.generation else { return }
        drawer.reading = false
        switch result {
        case .loaded(let detail):
            drawer.detail = detail
            drawer.error = nil
        case .failed(let message):
            drawer.error = message
        }
        if let change = drawer.pendingChange {
            drawer.pendingChange = nil
            begin(change, &drawer)
        }
    }
}

/// A detail read's outcome, as the reducer receives it.
public enum DetailResult: Equatable, Sendable {
    case loaded(UserDetail)
    case failed(String)
}
