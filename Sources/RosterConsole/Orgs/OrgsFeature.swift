import RosterCore
import RosterTerminal

/// The orgs screen (2): organizations with their headcounts against limits, their members,
/// and their groups with their members.
enum OrgsFeature: ScreenFeature {
    static let screen = ScreenID("organizations", title: "Orgs", help: "organizations")
    static var keymap: Keymap<OrgsAction> { OrgsAction.keymap }

    enum Work: Equatable, Sendable {
        case loadOrgs
        case loadMembers(OrgID)
        /// Change one organization (none: create one), refused if it changed since `expectedVersion`.
        case changeOrg(OrgChange, OrgID?, expectedVersion: Int?)
        case loadGroups(OrgID)
        case loadGroupMembers(GroupID)
        /// The org's members, to choose one to add to the group.
        case loadGroupCandidates(OrgID, for: GroupID)
        case changeGroup(GroupChange)
        /// The selected org's access review.
        case review(ReviewWork)
    }

    enum Outcome: Equatable, Sendable {
        case orgsLoaded(Result<[OrgsState.Row], ScreenReadFailure>)
        case membersLoaded(OrgID, Result<[OrgMember], ScreenReadFailure>)
        case orgChanged(ChangeResult)
        case groupsLoaded(OrgID, Result<[GroupsState.Row], ScreenReadFailure>)
        case groupMembersLoaded(GroupID, Result<[Email], ScreenReadFailure>)
        case groupCandidatesLoaded(GroupID, Result<[OrgMember], ScreenReadFailure>)
        case groupChanged(ChangeResult)
        case review(ReviewOutcome)
    }

    static func open(_ parked: OrgsState?, _ context: ScreenContext) -> (OrgsState, [Work]) {
        var state = parked ?? OrgsState()
        state.loading = true
        return (state, [.loadOrgs])
    }

    static func capturesKeys(_ state: OrgsState) -> Bool {
        state.dialog != nil || state.form != nil || state.working
            || state.review.map { $0.dialog != nil || $0.working } == true
            || state.groups.map { $0.form != nil || $0.dialog != nil || $0.picker != nil || $0.working } == true
    }

    /// The keymap of what is open: a group's members, the groups, an org's members, or the orgs.
    static func binds(_ key: Key, _ state: OrgsState) -> Bool {
        if state.review != nil { return ReviewAction.keymap.action(for: key) != nil }
        if let groups = state.groups {
            return groups.members != nil ? GroupMembersAction.keymap.action(for: key) != nil : GroupsAction.keymap.action(for: key) != nil
        }
        return state.members != nil ? OrgMembersAction.keymap.action(for: key) != nil : keymap.action(for: key) != nil
    }

    static var keymaps: [KeymapSummary] {
        [KeymapSummary(keymap), KeymapSummary(OrgMembersAction.keymap), KeymapSummary(GroupsAction.keymap),
         KeymapSummary(GroupMembersAction.keymap), KeymapSummary(MemberPickerAction.keymap), KeymapSummary(ReviewAction.keymap)]
    }

    static func help(_ state: OrgsState) -> [KeymapSummary] {
        if state.review != nil { return [KeymapSummary(ReviewAction.keymap), KeymapSummary(AppAction.keymap), KeymapSummary(DialogAction.keymap)] }
        return state.groups != nil
            ? [KeymapSummary(GroupsAction.keymap), KeymapSummary(AppAction.keymap), KeymapSummary(GroupMembersAction.keymap),
               KeymapSummary(MemberPickerAction.keymap)]
            : [KeymapSummary(keymap), KeymapSummary(AppAction.keymap), KeymapSummary(OrgMembersAction.keymap)]
    }

    static func refusal(_ action: OrgsAction, _ state: OrgsState, _ context: ScreenContext) -> String? {
        guard let row = state.selectedRow else { return nil }
        let refusal: String? = switch action {
        case .lockOrUnlock: row.refusals[row.org.locked ? .unlock : .lock]
        case .requireMFA: row.refusals[.setMFARequired]
        case .limits: row.refusals[.setLimits]
        default: nil
        }
        return refusal ?? (context.readOnly && [.lockOrUnlock, .requireMFA, .limits].contains(action) ? ReadOnlyConsole.refusal : nil)
    }

    static func reduce(_ state: inout OrgsState, key: Key, _ context: ScreenContext) -> [Work] {
        OrgsReducer.reduce(&state, key: key, readOnly: context.readOnly)
    }

    static func reduce(_ state: inout OrgsState, outcome: Outcome, _ context: ScreenContext) -> [Work] {
        OrgsReducer.landed(&state, outcome)
    }

    /// Lifting an org's MFA requirement weakens everyone's sign-in in it: confirm it's you first.
    static func needsRecentAuthentication(_ work: Work) -> Bool {
        if case .changeOrg(.requireMFA(false), _, _) = work { true } else { false }
    }

    static func perform(_ work: Work, _ client: OrgsClient) throws -> Outcome {
        switch work {
        case .loadOrgs: return .orgsLoaded(.success(try client.orgs()))
        case .loadMembers(let id): return .membersLoaded(id, .success(try client.members(id)))
        case .changeOrg(let change, let id, let version):
            do {
                return .orgChanged(.done(try client.changeOrg(change, id, version)))
            } catch RosterError.changedBySomeoneElse {
                return .orgChanged(.refused("Changed by someone else since it was read; nothing was written. Check it and try again."))
            }
        case .loadGroups(let id): return .groupsLoaded(id, .success(try client.groups(id)))
        case .loadGroupMembers(let id): return .groupMembersLoaded(id, .success(try client.groupMembers(id)))
        case .loadGroupCandidates(let org, let group): return .groupCandidatesLoaded(group, .success(try client.members(org)))
        case .changeGroup(let change): return .groupChanged(.done(try client.changeGroup(change)))
        case .review(.open(let org)): return .review(.opened(org, .success(try client.openReview(org))))
        case .review(.show(let org, let id)): return .review(.opened(org, .success(try client.showReview(id))))
        case .review(.decide(let id, let user, let decision)): return .review(.decided(.success(try client.decide(id, user, decision))))
        case .review(.submit(let id)): return .review(.submitted(.done(try client.submitReview(id))))
        }
    }

    static func failed(_ work: Work, _ message: String) -> Outcome {
        let failure = ScreenReadFailure(message: message)
        return switch work {
        case .loadOrgs: .orgsLoaded(.failure(failure))
        case .loadMembers(let id): .membersLoaded(id, .failure(failure))
        case .changeOrg: .orgChanged(.refused(message))
        case .loadGroups(let id): .groupsLoaded(id, .failure(failure))
        case .loadGroupMembers(let id): .groupMembersLoaded(id, .failure(failure))
        case .loadGroupCandidates(_, let group): .groupCandidatesLoaded(group, .failure(failure))
        case .changeGroup: .groupChanged(.refused(message))
        case .review(.open(let org)), .review(.show(let org, _)): .review(.opened(org, .failure(failure)))
        case .review(.decide): .review(.decided(.failure(failure)))
        case .review(.submit): .review(.submitted(.refused(message)))
        }
    }

    static func live(_ services: LiveServices) -> OrgsClient { .live(services) }

    static func readOnly(_ client: OrgsClient) -> OrgsClient {
        var client = client
        client.changeOrg = { _, _, _ in throw ReadOnlyRefusal() }
        client.changeGroup = { _ in throw ReadOnlyRefusal() }
        client.decide = { _, _, _ in throw ReadOnlyRefusal() }
        client.submitReview = { _ in throw ReadOnlyRefusal() }
        return client
    }

    static func draw(_ state: OrgsState, _ context: ScreenContext, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas) {
        OrgsView.draw(state, context, formatting: formatting, glyphs: glyphs, on: &canvas)
    }
}
