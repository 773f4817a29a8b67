/// A user's role inside one organization.
public enum OrgRole: String, CaseIterable, Codable, Sendable, Comparable {
    case readOnly = "read-only"
    case member
    case orgAdmin = "org-admin"

    private var rank: Int {
        switch self {
        case .readOnly: 0
        case .member: 1
        case .orgAdmin: 2
        }
    }

    public static func < (lhs: OrgRole, rhs: OrgRole) -> Bool { lhs.rank < rhs.rank }

    public var name: String { rawValue }

    public var title: String {
        switch self {
        case .readOnly: "Read-only"
        case .member: "Member"
        case .orgAdmin: "Org admin"
        }
    }

    public init(name: String) throws {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "read-only", "readonly": self = .readOnly
        case "member", "user": self = .member
        case "org-admin", "admin", "organization-admin", "orgadmin": self = .orgAdmin
        default:
            throw RosterError.unknownValue(kind: "org role", value: name, allowed: OrgRole.allCases.reversed().map(\.name))
        }
    }
}
