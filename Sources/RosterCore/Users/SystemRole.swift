/// A system-wide role. Higher ranks may manage lower ones, never the reverse.
public enum SystemRole: Int, CaseIterable, Comparable, Codable, Sendable {
    case readOnly = 0
    case standard = 1
    case accountsAdmin = 2
    case operationsAdmin = 3
    case administrator = 4

    public static func < (lhs: SystemRole, rhs: SystemRole) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The name scripts and the CLI use.
    public var name: String {
        switch self {
        case .readOnly: "read-only"
        case .standard: "standard"
        case .accountsAdmin: "accounts-admin"
        case .operationsAdmin: "operations-admin"
        case .administrator: "administrator"
        }
    }

    /// The name a person reads in the console.
    public var title: String {
        switch self {
        case .readOnly: "Read-only user"
        case .standard: "Standard user"
        case .accountsAdmin: "Accounts admin"
        case .operationsAdmin: "Operations admin"
        case .administrator: "Administrator"
        }
    }

    /// Parses a CLI name; accepts a few common spellings.
    public init(name: String) throws {
        let key = NameKey.of(name)
        switch key {
        case "read-only", "readonly", "read-only-user": self = .readOnly
        case "standard", "user", "standard-user": self = .standard
        case "accounts-admin", "accounts-administrator": self = .accountsAdmin
        case "operations-admin", "operations-administrator", "ops-admin": self = .operationsAdmin
        case "administrator", "admin": self = .administrator
        default:
            throw RosterError.unknownValue(kind: "system role", value: name, allowed: SystemRole.allCases.reversed().map(\.name))
        }
    }

    /// Whether this role administers accounts system-wide (create, edit, lock, ... users it outranks or equals).
    public var administersAccounts: Bool { self >= .accountsAdmin }
}
