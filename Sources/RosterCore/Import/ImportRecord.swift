import Foundation

/// One user line (CSV) or entry (JSON) of an import file, as text. Only email and names are
/// required; the rest takes the defaults `users create` takes. Roles are spelled as the CLI
/// spells them ("operations-admin", "org-admin").
public struct ImportRecord: Sendable, Equatable {
    /// Where the record starts in its file (1-based), for problems to point at.
    public var line: Int
    public var email: String
    public var firstName: String
    public var lastName: String
    public var kind: String?
    public var role: String?
    public var org: String?
    public var orgRole: String?

    public init(line: Int, email: String, firstName: String, lastName: String, kind: String? = nil, role: String? = nil,
                org: String? = nil, orgRole: String? = nil) {
        self.line = line
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.kind = kind
        self.role = role
        self.org = org
        self.orgRole = orgRole
    }
}

/// What is wrong with one line of an import file.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    /// A policy refusal rather than bad data.
    public var denied: Bool

    public init(line: Int, reason: String, denied: Bool = false) {
        self.line = line
        self.reason = reason
        self.denied = denied
    }

    public var description: String { "line \(line): \(reason)" }
}

/// An import with bad lines: nothing was written. Every problem found is listed (the
/// first `ImportRejected.listed`, then a count).
public struct ImportRejected: HumanReadableError, Sendable, Equatable {
    public static let listed = 100
    public var problems: [ImportProblem]
    /// How many problems there were in all (more than `problems.count` when cut short).
    public var total: Int

    /// Every problem, listed or not, is a policy refusal (exit 3), not bad data.
    public var allDenied: Bool

    public init(problems: [ImportProblem], total: Int, allDenied: Bool) {
        self.problems = problems
        self.total = total
        self.allDenied = allDenied
    }

    public var message: String {
        "\(total) line\(total == 1 ? " is" : "s are") bad; nothing was imported. Fix \(total == 1 ? "it" : "them") and run the import again."
    }
}

/// How an import runs.
public struct ImportOptions: Sendable, Equatable {
    /// Change users that exist with different values (else such a line is a problem).
    public var update: Bool
    /// Mail each new user a link to set their password (else they get none until an admin sends one).
    public var invite: Bool
    /// Check everything and report what would change; write nothing.
    public var dryRun: Bool

    public init(update: Bool = false, invite: Bool = true, dryRun: Bool = false) {
        self.update = update
        self.invite = invite
        self.dryRun = dryRun
    }
}

/// What an import did (or, in a dry run, would do), one entry per user.
public struct ImportReport: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        case create
        /// The fields that change, by name ("first_name", "role", "org Acme").
        case update([String])
        case unchanged
    }

    public struct Entry: Sendable, Equatable {
        public var line: Int
        public var email: String
        public var change: Change
    }

    public var entries: [Entry] = []
    public var invited = 0
    public var dryRun = false

    public var created: Int { entries.count { $0.change == .create } }
    public var updated: Int { entries.count { if case .update = $0.change { true } else { false } } }
    public var unchanged: Int { entries.count { $0.change == .unchanged } }
}
