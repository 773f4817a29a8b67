import Foundation
import RosterCore

/// Lending a user a higher role for a while (`U` in the drawer): which role, how long, why.
enum ElevationForm {
    /// What may be lent: the system roles above theirs the operator may grant (from the same
    /// Policy the service asks), then org admin in each org where they are less.
    static func choices(_ detail: UserDetail) -> [(role: ElevatedRole, title: String)] {
        let profile = detail.profile
        var choices: [(ElevatedRole, String)] = []
        if let current = profile.systemRole {
            for role in SystemRole.allCases where role > current && detail.roleRefusals[role] == nil {
                choices.append((.system(role), role.title))
            }
        }
        for membership in profile.memberships where membership.role != .orgAdmin {
            choices.append((.orgAdmin(membership.orgId), "Org admin of \(membership.orgName)"))
        }
        return choices
    }

    static func form(_ detail: UserDetail, choices: [(role: ElevatedRole, title: String)]) -> FormState {
        var form = FormState(title: "Lend \(detail.profile.fullName) a role for a while", fields: [
            .init(id: "role", label: "Role", value: .choice(choices.map(\.title), index: 0), hint: "←/→ to choose; it drops back by itself."),
            .init(id: "for", label: "For", value: .text("1h"), hint: "Such as 30m, 2h or 1h30m; the setting elevation.max-hours caps it."),
            .init(id: "reason", label: "Reason", value: .text(""), hint: "Why, for the audit trail: a ticket, an incident."),
        ])
        validate(&form)
        return form
    }

    static func validate(_ form: inout FormState) {
        form.setProblem("for", (try? ElevationProblem.duration(form.text("for"))) == nil
            ? "Hours and minutes, such as 2h, 90m or 1h30m." : nil)
        form.setProblem("reason", form.text("reason").trimmingCharacters(in: .whitespaces).isEmpty ? "Say why." : nil)
    }

    /// `roles`: what the form offered, in its order (the details may have been read again since).
    static func confirmation(_ form: FormState, roles: [ElevatedRole], profile: UserProfile) -> ConfirmDialog<UserConfirmation>? {
        guard roles.indices.contains(form.choice("role")), let title = form.chosenTitle("role"),
              let seconds = try? ElevationProblem.duration(form.text("for")) else { return nil }
        let choice = (role: roles[form.choice("role")], title: title)
        let reason = form.text("reason").trimmingCharacters(in: .whitespaces)
        return ConfirmDialog(.edit(.elevate(choice.role, seconds: seconds, reason: reason), profile.id, expectedVersion: nil),
                             title: "Lend a role",
                             message: ["Make \(profile.fullName) \(choice.title.lowercased()) for \(Formatting.span(seconds))? "
                                + "It drops back by itself; the audit trail names you and the reason."],
                             confirmLabel: "Lend")
    }

    /// Ending every elevation they hold now (`u`).
    static func endConfirmation(_ profile: UserProfile) -> ConfirmDialog<UserConfirmation> {
        let roles = profile.elevations.map(\.roleTitle).joined(separator: ", ")
        return ConfirmDialog(.edit(.endElevation, profile.id, expectedVersion: nil), title: "End elevation",
                             message: ["End \(profile.fullName)'s lent role now (\(roles))? They go back to their own role at once."],
                             confirmLabel: "End")
    }
}
