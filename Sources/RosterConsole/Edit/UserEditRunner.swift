import RosterCore

/// Makes one drawer edit through the services, as `actor`, and says what happened in a sentence.
struct UserEditRunner {
    let roster: Roster
    /// Times in the sentence, in the console's zone.
    var formatting = Formatting(timeZone: .utc)

    func run(_ edit: UserEdit, _ id: UserID, _ version: Int?, by actor: Actor) throws -> String {
        switch edit {
        case .profile(let profile):
            let user = try roster.users.updateProfile(id, profile, expectedVersion: version, by: actor)
            return "Saved the profile of \(user.email)."
        case .role(let role):
            let user = try roster.users.changeRole(id, to: role, expectedVersion: version, by: actor)
            return "\(user.email) is now \(user.systemRole.title)."
        case .addMembership(let org, let role):
            _ = try roster.orgs.addMember(id, to: org, role: role, by: actor)
            return "Added them to the organization as \(role.title.lowercased())."
        case .membership(let org, let role?):
            _ = try roster.orgs.changeOrgRole(id, in: org, to: role, by: actor)
            return "Their org role is now \(role.title.lowercased())."
        case .membership(let org, nil):
            try roster.orgs.removeMember(id, from: org, by: actor)
            return "Removed them from the organization; their account stays."
        case .revokeKey(let key):
            let revoked = try roster.apiKeys.revoke(key, by: actor)
            return "Revoked the API key “\(revoked.name)” (\(revoked.prefix))."
        case .addIPRule(let cidr):
            let rule = try roster.auth.addIPRule(cidr, for: id, by: actor)
            return "They may now sign in only from \(rule.cidr) (and their other rules)."
        case .removeIPRule(let rule):
            try roster.auth.removeIPRule(rule, of: id, by: actor)
            return "Removed the IP rule."
        case .endSession(let session):
            try roster.auth.endSession(SessionID(rawValue: session), by: actor)
            return "Ended that session; they are signed out there."
        case .setAvatar(let image):
            let avatar = try roster.users.setAvatar(image, of: id, expectedVersion: version, by: actor)
            return "Set their avatar: \(avatar.format.title), \(avatar.width)×\(avatar.height) px."
        case .clearAvatar:
            try roster.users.clearAvatar(of: id, expectedVersion: version, by: actor)
            return "Removed their avatar."
        case .elevate(let role, let seconds, let reason):
            let elevation = try roster.elevations.elevate(id, to: role, for: seconds, reason: reason, by: actor)
            return "Lent until \(formatting.dateTime(elevation.endsAt)); it drops back by itself."
        case .endElevation:
            let ended = try roster.elevations.end(id, by: actor)
            return ended.count == 1 ? "Ended their lent role; they hold their own again." : "Ended \(ended.count) lent roles."
        }
    }
}
