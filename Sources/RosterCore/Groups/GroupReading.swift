import Foundation

/// Reading groups, checked as org member lists are: account admins, and the org's own admins.
extension GroupService {
    /// An org's groups with their member counts.
    public func groups(in orgId: OrgID, by actor: Actor) throws -> [(group: UserGroup, members: Int)] {
        try readingOrg(orgId, action: "group.list", by: actor) { tx in
            try tx.groups.all(in: orgId).map { ($0, try tx.groups.members(of: $0.id).count) }
        }
    }

    /// A group of `orgId` by name (any case) or id.
    public func find(_ reference: String, in orgId: OrgID, by actor: Actor) throws -> UserGroup {
        try readingOrg(orgId, action: "group.view", by: actor) { tx in
            if let id = Int64(reference), let group = try tx.groups.find(GroupID(rawValue: id)), group.orgId == orgId { return group }
            guard let group = try tx.groups.find(name: reference, in: orgId) else { throw RosterError.groupNotFound(reference) }
            return group
        }
    }

    /// The members of a group, by email, alphabetical.
    public func memberEmails(of id: GroupID, by actor: Actor) throws -> [Email] {
        let group = try existing(id)
        return try readingOrg(group.orgId, action: "group.members", notFound: .groupNotFound(String(id.rawValue)), by: actor) { tx in
            try tx.groups.members(of: id).compactMap { try tx.users.find($0)?.email }.sorted()
        }
    }

    private func readingOrg<T>(_ orgId: OrgID, action: String, notFound: RosterError? = nil, by actor: Actor,
                               _ body: (StoreTransaction) throws -> T) throws -> T {
        try stores.authorizedRead(action, by: actor, at: environment.now()) { tx, actor in
            guard let org = try tx.orgs.find(orgId) else { throw RosterError.orgNotFound(String(orgId.rawValue)) }
            let hidden = Policy.checkOrgVisible(orgId, by: actor, reference: String(orgId.rawValue))
                .map { _ in Denial.hidden(notFound ?? .orgNotFound(String(orgId.rawValue))) }
            if let denial = hidden ?? Policy.checkRead(.orgMembers, by: actor, org: orgId) {
                return .failure(RefusedRead(action, nil, org: org, denial))
            }
            return .success(try body(tx))
        }
    }
}
