/// A typed row id, so a user id can never be passed where an org id is expected.
public protocol EntityID: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible where RawValue == Int64 {
    init(rawValue: Int64)
}

extension EntityID {
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(Int64.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

public struct UserID: EntityID { public let rawValue: Int64; public init(rawValue: Int64) { self.rawValue = rawValue } }
public struct OrgID: EntityID { public let rawValue: Int64; public init(rawValue: Int64) { self.rawValue = rawValue } }
public struct GroupID: EntityID { public let rawValue: Int64; public init(rawValue: Int64) { self.rawValue = rawValue } }
public struct SessionID: EntityID { public let rawValue: Int64; public init(rawValue: Int64) { self.rawValue = rawValue } }
public struct ElevationID: EntityID { public let rawValue: Int64; public init(rawValue: Int64) { self.rawValue = rawValue } }
public struct ApprovalID: EntityID { public let rawValue: Int64; public init(rawValue: Int64) { self.rawValue = rawValue } }
public struct ReviewID: EntityID { public let rawValue: Int64; public init(rawValue: Int64) { self.rawValue = rawValue } }
