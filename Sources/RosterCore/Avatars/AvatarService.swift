import Foundation

extension UserService {
    /// Sets (or replaces) a user's avatar: an edit of the profile, so whoever may edit the
    /// user may set it (administrators, and org administrators for their members).
    /// Bumps the user's version, so an edit read before it is refused as stale.
    public func setAvatar(_ image: AvatarImage, of id: UserID, expectedVersion: Int? = nil, by actor: Actor) throws -> Avatar {
        try guarded(.updateProfile, id, action: "user.avatar.set", expectedVersion: expectedVersion, by: actor) { tx, user, now in
            try tx.users.saveAvatar(image, for: user.id, at: now, by: actor.label)
            _ = try tx.users.update(user, expectedVersion: user.version)
            guard let avatar = try tx.users.avatar(of: user.id) else { throw RosterError.unchanged("the avatar was not stored.") }
            return (avatar, ["format": image.format.rawValue, "width": String(image.width), "height": String(image.height),
                             "bytes": String(image.data.count)])
        }
    }

    /// Removes a user's avatar; says so when there was none, and writes nothing then.
    public func clearAvatar(of id: UserID, expectedVersion: Int? = nil, by actor: Actor) throws {
        try guarded(.updateProfile, id, action: "user.avatar.clear", expectedVersion: expectedVersion, by: actor) { tx, user, _ in
            guard try tx.users.deleteAvatar(of: user.id) else { throw RosterError.unchanged("\(user.email.value) has no avatar.") }
            _ = try tx.users.update(user, expectedVersion: user.version)
            return ((), [:])
        }
    }
}

extension UserService {
    /// A user's avatar (format, size, preview), if `actor` may see the profile.
    public func avatar(of id: UserID, by actor: Actor) throws -> Avatar? {
        try readAbout(.profile, id, action: "user.view", by: actor) { tx, _, user in try tx.users.avatar(of: user.id) }
    }
}
