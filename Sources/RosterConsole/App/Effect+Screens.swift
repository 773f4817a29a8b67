import RosterCore

extension Effect {
    /// The effects of the orgs and groups screens (and the drawer's list
    /// of orgs to add a user to): a read or a change each, its outcome as the action their reducers take.
    func performScreenEffect(_ environment: ConsoleEnvironment) -> ConsoleAction? {
        switch self {
        case .loadGroups(let id):
            do {
                return .groupsLoaded(id, .success(try environment.groups(id)))
            } catch {
                return Self.failure(error) { .groupsLoaded(id, .failure(ScreenReadFailure(message: $0))) }
            }
        case .loadGroupMembers(let id):
            do {
                return .groupMembersLoaded(id, .success(try environment.groupMembers(id)))
            } catch {
                return Self.failure(error) { .groupMembersLoaded(id, .failure(ScreenReadFailure(message: $0))) }
            }
        case .loadGroupCandidates(let org, let group):
            do {
                return .groupCandidatesLoaded(group, .success(try environment.orgMembers(org)))
            } catch {
                return Self.failure(error) { .groupCandidatesLoaded(group, .failure(ScreenReadFailure(message: $0))) }
            }
        case .changeGroup(let change):
            do {
                return .groupChanged(.done(try environment.changeGroup(change)))
            } catch let denial as Denial where denial != .actorUnavailable {
                return .groupChanged(.refused(denial.message))
            } catch {
                return Self.failure(error) { .groupChanged(.refused($0)) }
            }
        case .loadMembershipOrgs(let user):
            do {
                return .membershipOrgsLoaded(user, .success(try environment.createUserOptions().orgs))
            } catch {
                return Self.failure(error) { .membershipOrgsLoaded(user, .failure(ScreenReadFailure(message: $0))) }
            }
        case .loadOrgs:
            do {
                return .orgsLoaded(.success(try environment.orgs()))
            } catch {
                return Self.failure(error) { .orgsLoaded(.failure(ScreenReadFailure(message: $0))) }
            }
        case .loadMembers(let id):
            do {
                return .membersLoaded(id, .success(try environment.orgMembers(id)))
            } catch {
                return Self.failure(error) { .membersLoaded(id, .failure(ScreenReadFailure(message: $0))) }
            }
        case .changeOrg(let change, let id, let version):
            do {
                return .orgChanged(.done(try environment.changeOrg(change, id, version)))
            } catch RosterError.changedBySomeoneElse {
                return .orgChanged(.refused("Changed by someone else since it was read; nothing was written. Check it and try again."))
            } catch let denial as Denial where denial != .actorUnavailable {
                return .orgChanged(.refused(denial.message))
            } catch {
                return Self.failure(error) { .orgChanged(.refused($0)) }
            }
        default:
            return nil
        }
    }
}
