import Foundation

/// A named set of an organization's members, assigned work together.
public struct UserGroup: Codable, Identifiable, Sendable, Equatable {
    public var id: GroupID
    public var orgId: OrgID
    public var name: String
    public var createdAt: Date
}

