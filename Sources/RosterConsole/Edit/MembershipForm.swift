import RosterCore

/// Adding a user to an organization (`o`), or changing or ending a membership (`O`), from the drawer.
enum MembershipForm {
    static let roles = OrgRole.allCases
    static let remove = "remove from the organization"

    /// `orgs`: the organizations the operator may add users to, less the user's own.
    static func add(_ profile: UserProfile, orgs: [CreateUserOptions.OrgChoice]) -> FormState {
        FormState(title: "Add \(profile.fullName) to an organization", fields: [
            .init(id: "org", label: "Organization", value: .choice(orgs.map(\.name), index: 0), hint: "←/→ to choose; only those you may add to."),
            .init(id: "role", label: "Org role", value: .choice(roles.map(\.title), index: roles.firstIndex(of: .member) ?? 0),
                  hint: "Their role in it."),
        ])
    }

    static func change(_ profile: UserProfile) -> FormState {
        let first = profile.memberships.first
        return FormState(title: "Memberships of \(profile.fullName)", fields: [
            .init(id: "org", label: "Organization", value: .choice(profile.memberships.map(\.orgName), index: 0), hint: "←/→ to choose."),
            .init(id: "role", label: "Org role", value: .choice(roles.map(\.title) + [remove], index: first.flatMap { roles.firstIndex(of: $0.role) } ?? 0),
                  hint: "A new role, or remove them from it (their account stays)."),
        ])
    }

    /// The confirmation for what the form asks.
    static func confirmation(_ form: FormState, profile: UserProfile, orgs: [CreateUserOptions.OrgChoice]?) -> ConfirmDialog<UserConfirmation>? {
        let roleIndex = form.choice("role")
        if let orgs {
            guard orgs.indices.contains(form.choice("org")) else { return nil }
            let org = orgs[form.choice("org")]
            let role = roles[roleIndex]
            return ConfirmDialog(.edit(.addMembership(org.id, role), profile.id, expectedVersion: nil), title: "Add to organization",
                                 message: ["Add \(profile.fullName) to \(org.name) as \(role.title.lowercased())? "
                                    + "They count against its limit for their kind unless they are read-only."],
                                 confirmLabel: "Add")
        }
        guard profile.memberships.indices.contains(form.choice("org")) else { return nil }
        let membership = profile.memberships[form.choice("org")]
        if roleIndex == roles.count {
            return ConfirmDialog(.edit(.membership(membership.orgId, nil), profile.id, expectedVersion: nil), title: "Remove from organization",
                                 message: ["Remove \(profile.fullName) from \(membership.orgName)? Their account stays; "
                                    + "they leave its groups and lose what its org role gave them."],
                                 confirmLabel: "Remove")
        }
        let role = roles[roleIndex]
        guard role != membership.role else { return nil }
        return ConfirmDialog(.edit(.membership(membership.orgId, role), profile.id, expectedVersion: nil), title: "Change org role",
                             message: ["Make \(profile.fullName) \(role.title.lowercased()) of \(membership.orgName)? "
                                + "They are \(membership.role.title.lowercased()) now."],
                             confirmLabel: "Change")
    }
}
