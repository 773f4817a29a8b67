/// What sort of account a user is. Read-only accounts don't count against org user limits.
public enum AccountKind: String, CaseIterable, Codable, Sendable {
    /// A person who signs in.
    case standard
    /// An API-only service account: no password, never signs in interactively.
    case service
    /// A person who may look but change nothing.
    case readOnly = "read-only"

    public var name: String { rawValue }

    public var title: String {
        switch self {
        case .standard: "Standard"
        case .service: "API service"
        case .readOnly: "Read-only"
        }
    }

    public init(name: String) throws {
        let key = NameKey.of(name)
        switch key {
        case "standard", "user": self = .standard
        case "service", "api", "api-only": self = .service
        case "read-only", "readonly": self = .readOnly
        default:
            throw RosterError.unknownValue(kind: "account kind", value: name, allowed: AccountKind.allCases.map(\.name))
        }
    }
}
