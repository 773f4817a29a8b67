import ArgumentParser
import RosterCore

// The domain's enums as command-line values: ArgumentParser checks them before anything runs
// (a bad value is a usage error, exit 64) and lists them in `--help`, spelled as the CLI
// spells them everywhere ("operations-admin", "read-write").

extension SystemRole: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.name) }
    public var defaultValueDescription: String { name }
}

extension AccountKind: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.name) }
    public var defaultValueDescription: String { name }
}

extension OrgRole: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.name) }
    public var defaultValueDescription: String { name }
}

extension APIKey.Scope: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public var defaultValueDescription: String { rawValue }
}

extension AccountStatus: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public var defaultValueDescription: String { rawValue }
}

/// `--mfa on|off`: a yes-or-no filter, spelled as the tables print it.
enum Switch: String, CaseIterable, ExpressibleByArgument {
    case on, off
    var isOn: Bool { self == .on }
}

/// `--output` of a command that prints a list.
enum ListFormat: String, CaseIterable, ExpressibleByArgument {
    case table, json, csv
}
