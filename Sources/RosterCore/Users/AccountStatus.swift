/// Whether an account may be used at all. Deactivated accounts keep their history.
public enum AccountStatus: String, CaseIterable, Codable, Sendable {
    case active
    case deactivated

    public var title: String { self == .active ? "Active" : "Deactivated" }

    public init(name: String) throws {
        switch name.lowercased() {
        case "active": self = .active
        case "deactivated", "inactive", "disabled": self = .deactivated
        default:
            throw RosterError.unknownValue(kind: "status", value: name, allowed: AccountStatus.allCases.map(\.rawValue))
        }
    }
}
