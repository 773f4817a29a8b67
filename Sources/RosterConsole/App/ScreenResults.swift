import RosterCore

/// Results for the screens other than the users table's own pages and the feature screens: each lands on its screen
/// (dropped when the operator has moved on), and says what happened there.
enum ScreenResults {
    static func reduce(_ state: inout ConsoleState, _ action: ConsoleAction) -> [Effect] {
        switch action {
        case .orgsLoaded(let result):
            guard case .orgs(var orgs) = state.screen else { return [] }
            orgs.loaded(result)
            state.screen = .orgs(orgs)
            return []
        case .membersLoaded(let id, let result):
            guard case .orgs(var orgs) = state.screen, orgs.selectedRow?.org.id == id else { return [] }
            switch result {
            case .success(let members): orgs.members = members
            case .failure(let failure): orgs.say(failure.message, refused: true)
            }
            state.screen = .orgs(orgs)
            return []
        case .groupsLoaded(let id, let result):
            guard case .orgs(var orgs) = state.screen, var groups = orgs.groups, groups.orgId == id else { return [] }
            groups.loading = false
            switch result {
            case .success(let rows):
                groups.rows = rows
                groups.selected = min(groups.selected, max(0, rows.count - 1))
            case .failure(let failure): orgs.say(failure.message, refused: true)
            }
            orgs.groups = groups
            state.screen = .orgs(orgs)
            return []
        case .groupMembersLoaded(let id, let result):
            guard case .orgs(var orgs) = state.screen, var groups = orgs.groups, groups.selectedRow?.group.id == id else { return [] }
            switch result {
            case .success(let members):
                groups.members = members
                groups.memberSelected = min(groups.memberSelected, max(0, members.count - 1))
            case .failure(let failure): orgs.say(failure.message, refused: true)
            }
            orgs.groups = groups
            state.screen = .orgs(orgs)
            return []
        case .groupCandidatesLoaded(let id, let result):
            guard case .orgs(var orgs) = state.screen, var groups = orgs.groups, var picker = groups.picker, picker.groupId == id else { return [] }
            switch result {
            case .success(let members):
                let already = Set(groups.members ?? [])
                picker.candidates = members.filter { !already.contains($0.email) }
            case .failure(let failure):
                picker.candidates = []
                picker.error = failure.message
            }
            groups.picker = picker
            orgs.groups = groups
            state.screen = .orgs(orgs)
            return []
        case .groupChanged(let result):
            guard case .orgs(var orgs) = state.screen, var groups = orgs.groups else { return [] }
            groups.working = false
            orgs.say(result)
            groups.loading = true
            orgs.groups = groups
            state.screen = .orgs(orgs)
            // The member list, when open, is read again too: it is what the change was made on.
            let members = groups.members != nil ? groups.selectedRow.map { [Effect.loadGroupMembers($0.group.id)] } ?? [] : []
            return [.loadGroups(groups.orgId)] + members
        case .orgChanged(let result):
            guard case .orgs(var orgs) = state.screen else { return [] }
            orgs.working = false
            orgs.say(result)
            orgs.loading = true
            state.screen = .orgs(orgs)
            return [.loadOrgs]
        case .avatarRead(let user, let result):
            guard case .users(var users) = state.screen, var drawer = users.drawer, drawer.userId == user else { return [] }
            DrawerReducer.avatarRead(&drawer, result)
            users.drawer = drawer
            state.screen = .users(users)
            return []
        case .membershipOrgsLoaded(let user, let result):
            guard case .users(var users) = state.screen, var drawer = users.drawer, drawer.userId == user else { return [] }
            DrawerReducer.membershipOrgsLoaded(&drawer, result)
            users.drawer = drawer
            state.screen = .users(users)
            return []
        default:
            return []
        }
    }
}
