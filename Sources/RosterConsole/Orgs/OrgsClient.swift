import RosterCore

/// What the orgs screen needs from outside: orgs, their members and groups, and changes to them.
struct OrgsClient: Sendable {
    /// The organizations the operator may see, counted, with what they may not do to each.
    var orgs: @Sendable () throws -> [OrgsState.Row]
    var members: @Sendable (OrgID) throws -> [OrgMember]
    /// Changes one organization (none: creating one); says what happened.
    var changeOrg: @Sendable (OrgChange, OrgID?, _ expectedVersion: Int?) throws -> String
    /// An organization's groups with their member counts.
    var groups: @Sendable (OrgID) throws -> [GroupsState.Row]
    var groupMembers: @Sendable (GroupID) throws -> [Email]
    /// Creates, renames or deletes a group, or adds or removes a member; says what happened.
    var changeGroup: @Sendable (GroupChange) throws -> String
    /// The org's open access review, or a new one; one review as it is; a decision; the submit (says what it did).
    var openReview: @Sendable (OrgID) throws -> ReviewSheet = { _ in throw RosterError.notSignedIn }
    var showReview: @Sendable (ReviewID) throws -> ReviewSheet = { _ in throw RosterError.notSignedIn }
    var decide: @Sendable (ReviewID, UserID, ReviewDecision) throws -> ReviewItem = { _, _, _ in throw RosterError.notSignedIn }
    var submitReview: @Sendable (ReviewID) throws -> String = { _ in throw RosterError.notSignedIn }

    static func live(_ services: LiveServices) -> OrgsClient {
        let roster = services.roster
        return OrgsClient(
            orgs: {
                let actor = try services.reader()
                return try roster.orgs.summaries(by: actor).map { summary in
                    let refusals = OrgAction.allCases.reduce(into: [OrgAction: String]()) { refusals, action in
                        refusals[action] = Policy.check(action, by: actor, org: summary.org.id)?.message
                    }
                    return OrgsState.Row(org: summary.org, headcount: summary.headcount, refusals: refusals,
                                         reviewDue: ReviewDue.of(summary.org, at: roster.environment.now()))
                }
            },
            members: { id in try roster.orgs.members(of: id, by: try services.reader()) },
            changeOrg: { change, id, version in try changeOrg(roster, change, id, version, by: try services.actor()) },
            groups: { id in
                try roster.groups.groups(in: id, by: try services.reader()).map { GroupsState.Row(group: $0.group, members: $0.members) }
            },
            groupMembers: { id in try roster.groups.memberEmails(of: id, by: try services.reader()) },
            changeGroup: { change in try changeGroup(roster, change, by: try services.actor()) },
            openReview: { org in try roster.reviews.openOrStart(org, by: try services.actor()) },
            showReview: { id in try roster.reviews.show(id, by: try services.reader()) },
            decide: { id, user, decision in try roster.reviews.decide(id, user: user, decision, by: try services.actor()) },
            submitReview: { id in
                let sheet = try roster.reviews.submit(id, by: try services.actor())
                let removed = sheet.items.filter { $0.decided == .remove }.count
                return "Submitted review #\(id.rawValue) of \(sheet.review.orgName): \(ChangeWording.count(removed, "member")) removed; every change audited."
            })
    }

    private static func changeOrg(_ roster: Roster, _ change: OrgChange, _ id: OrgID?, _ version: Int?, by actor: Actor) throws -> String {
        // Every change but creating names the org it changes.
        func org() throws -> OrgID {
            guard let id else { throw RosterError.orgNotFound("(none chosen)") }
            return id
        }
        switch change {
        case .create(let name):
            return "Created the organization “\(try roster.orgs.create(name: name, by: actor).name)”."
        case .rename(let name):
            return "Renamed it “\(try roster.orgs.rename(try org(), to: name, expectedVersion: version, by: actor).name)”."
        case .delete:
            return "Deleted \(try roster.orgs.delete(try org(), by: actor).name); its members' accounts stay."
        case .lock(let locked):
            let changed = try roster.orgs.setLocked(try org(), locked, expectedVersion: version, by: actor)
            return "\(changed.name) is \(locked ? "locked" : "unlocked")."
        case .requireMFA(let required):
            let changed = try roster.orgs.setMFARequired(try org(), required, expectedVersion: version, by: actor)
            return "\(changed.name) \(required ? "now requires" : "no longer requires") MFA."
        case .limits(let standard, let service):
            let changed = try roster.orgs.setLimits(try org(), standard: standard, service: service, expectedVersion: version, by: actor)
            return "Limits of \(changed.name) set."
        }
    }

    private static func changeGroup(_ roster: Roster, _ change: GroupChange, by actor: Actor) throws -> String {
        switch change {
        case .create(let name, let org): return "Created the group “\(try roster.groups.create(name: name, in: org, by: actor).name)”."
        case .rename(let id, let name): return "Renamed the group to “\(try roster.groups.rename(id, to: name, by: actor).name)”."
        case .delete(let id):
            try roster.groups.delete(id, by: actor)
            return "Deleted the group; its members stay in the organization."
        case .addMember(let email, let group):
            try roster.groups.addMember(try roster.users.find(email.value, by: actor).id, to: group, by: actor)
            return "Added \(email) to the group."
        case .removeMember(let email, let group):
            try roster.groups.removeMember(try roster.users.find(email.value, by: actor).id, from: group, by: actor)
            return "Removed \(email) from the group; they stay in the organization."
        }
    }
}
