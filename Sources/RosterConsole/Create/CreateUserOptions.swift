import RosterCore

/// What the create form may offer the operator, read when it opens: the operator as the
/// service sees them (to say at once which roles and orgs they may grant), the orgs they may
/// add users to, and the password policy. Advice only: the service checks again on submit.
public struct CreateUserOptions: Equatable, Sendable {
    public struct OrgChoice: Equatable, Sendable {
        public var id: OrgID
        public var name: String

        public init(id: OrgID, name: String) {
            self.id = id
            self.name = name
        }
    }

    public var actor: Actor
    public var orgs: [OrgChoice]
    public var passwordPolicy: PasswordPolicy

    public init(actor: Actor, orgs: [OrgChoice], passwordPolicy: PasswordPolicy) {
        self.actor = actor
        self.orgs = orgs
        self.passwordPolicy = passwordPolicy
    }
}

/// A create's outcome, as the reducer receives it.
public enum CreateResult: Equatable, Sendable {
    /// Created; a generated password to show once, if there is one.
    case created(String, UserID, secret: ShownSecret?)
    case refused(String)
}
