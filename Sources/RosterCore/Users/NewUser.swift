/// What an operator fills in to create an account.
public struct NewUser: Sendable, Equatable {
    public enum Password: Sendable, Equatable {
        /// Typed by the operator; checked against the password policy.
        case typed(String)
        /// Generated and returned once.
        case generated
        /// No password: API service accounts never sign in interactively.
        case none
        /// No password yet: the account info mail carries a link to set one,
        /// queued in the same transaction as the account.
        case accountInfoLink
    }

    public var email: String
    public var firstName: String
    public var lastName: String
    public var kind: AccountKind
    /// Nil gives the default for the kind (standard, or read-only for read-only accounts).
    public var systemRole: SystemRole?
    public var status: AccountStatus
    public var password: Password
    /// Change the password at first sign-in: on unless the actor turns it off.
    public var passwordChangeRequired: Bool
    public var mfaEnrollmentRequired: Bool
    /// Nil follows the system setting: on by default when the setting is on.
    public var termsAcceptanceRequired: Bool?
    public var timeZone: String?
    /// Add the new user to this org, with this role; org admins must name one of their orgs.
    public var org: OrgID?
    public var orgRole: OrgRole

    public init(email: String, firstName: String, lastName: String, kind: AccountKind = .standard,
                systemRole: SystemRole? = nil, status: AccountStatus = .active, password: Password = .generated,
                passwordChangeRequired: Bool = true, mfaEnrollmentRequired: Bool = false,
                termsAcceptanceRequired: Bool? = nil, timeZone: String? = nil, org: OrgID? = nil, orgRole: OrgRole = .member) {
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.kind = kind
        self.systemRole = systemRole
        self.status = status
        self.password = password
        self.passwordChangeRequired = passwordChangeRequired
        self.mfaEnrollmentRequired = mfaEnrollmentRequired
        self.termsAcceptanceRequired = termsAcceptanceRequired
        self.timeZone = timeZone
        self.org = org
        self.orgRole = orgRole
    }
}

/// A created account, with its generated password when there is one. Show it once; it is not stored.
public struct CreatedUser: Sendable, Equatable {
    public var user: User
    public var generatedPassword: String?
}

/// Changes to a user's profile; nil fields stay as they are. The email can't change.
public struct ProfileChange: Sendable, Equatable {
    public var firstName: String?
    public var lastName: String?
    public var timeZone: String?
    public var logOutAfterMinutes: Int?
    public var mfaEnrollmentRequired: Bool?
    public var termsAcceptanceRequired: Bool?

    public init(firstName: String? = nil, lastName: String? = nil, timeZone: String? = nil, logOutAfterMinutes: Int? = nil,
                mfaEnrollmentRequired: Bool? = nil, termsAcceptanceRequired: Bool? = nil) {
        self.firstName = firstName
        self.lastName = lastName
        self.timeZone = timeZone
        self.logOutAfterMinutes = logOutAfterMinutes
        self.mfaEnrollmentRequired = mfaEnrollmentRequired
        self.termsAcceptanceRequired = termsAcceptanceRequired
    }
}

/// What deactivation ended: sessions, API keys and IP rules.
public struct Deactivation: Sendable, Equatable {
    public var user: User
    public var sessionsEnded: Int
    public var apiKeysRevoked: Int
    public var ipRulesRemoved: Int
}

/// Validation shared by create and edit.
enum Field {
    static let maxNameLength = 100

    /// A name of a user, org, group or key: trimmed, not empty, short, and free of characters
    /// that change how a terminal or a log shows the text around them.
    static func name(_ raw: String, _ label: String) throws -> String {
        try text(raw, label, maxLength: maxNameLength)
    }

    /// A short line of text people type (a name, a reason): the same checks, `maxLength`
    /// characters at most, and four bytes each at most: one "character" can be a cluster of
    /// hundreds of combining marks.
    static func text(_ raw: String, _ label: String, maxLength: Int) throws -> String {
        let trimmed = raw.trimmingWhitespace(andNewlines: true)
        guard !trimmed.isEmpty else { throw RosterError.emptyField(label) }
        guard trimmed.count <= maxLength else { throw RosterError.fieldTooLong(label, max: maxLength) }
        guard trimmed.utf8.count <= maxLength * 4 else { throw RosterError.fieldTooLong(label, max: maxLength) }
        if let bad = trimmed.unicodeScalars.first(where: isForbiddenInName) {
            throw RosterError.forbiddenCharacter(field: label, codePoint: String(format: "U+%04X", bad.value))
        }
        return trimmed
    }

    /// Control characters (C0, DEL, C1), bidirectional marks, embeddings, overrides and
    /// isolates, and line and paragraph separators: none belongs in a name, and each can make
    /// a table or an audit line lie about what it shows.
    static func isForbiddenInName(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        case 0x2028, 0x2029: true
        default: false
        }
    }

    static func timeZone(_ raw: String?) throws -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        // Known to the system's zone files, which show every time (`ZoneRules`).
        guard ZoneRules.named(raw) != nil else {
            throw RosterError.unknownValue(kind: "time zone", value: raw, allowed: ["an IANA name such as Europe/Paris or UTC"])
        }
        return raw
    }
}
